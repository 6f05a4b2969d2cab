package com.truffle.deploy.ashby;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Ashby's {@code assessment.update} body as one JSON Schema ({@code ashby/assessment.update.schema.json} on the
 * classpath), used by the Ashby sandbox to refuse what Ashby would and by the connector's tests to check every body
 * it sent: one definition of Ashby's format, not two that can disagree.
 */
public final class AssessmentUpdateSchema {

    public static final String RESOURCE = "ashby/assessment.update.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    /** Everything Ashby would object to in {@code body} ("field.path what is wrong"); empty when it conforms. */
    public static List<String> violations(JsonNode body) {
        if (body == null || !body.isObject()) {
            return List.of("the body must be a JSON object");
        }
        Set<String> problems = new LinkedHashSet<>();
        for (ValidationMessage m : SCHEMA.validate(body)) {
            problems.add(describe(m));
        }
        JsonNode metadata = body.get("metadata");
        if (metadata != null && metadata.isArray()) {
            Set<String> identifiers = new HashSet<>();
            for (int i = 0; i < metadata.size(); i++) {
                String identifier = metadata.get(i).path("identifier").asText(null);
                if (identifier != null && !identifiers.add(identifier)) {
                    problems.add("metadata[" + i + "].identifier \"" + identifier + "\" is used twice: metadata items must have"
                            + " unique identifiers");
                }
            }
        }
        return new ArrayList<>(problems);
    }

    private static String describe(ValidationMessage m) {
        String location = m.getInstanceLocation().toString();
        String what = m.getMessage();
        // a default message starts with the location; a custom one (the schema's "message") does not
        boolean custom = !what.startsWith(location + ": ");
        if (!custom) {
            what = what.substring(location.length() + 2);
        }
        String where = path(location);
        if (custom && "required".equals(m.getType())) {
            return what;
        }
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            return (where.isEmpty() ? "" : where + ".") + m.getProperty() + " is required";
        }
        return where.isEmpty() ? what : where + " " + what;
    }

    /** {@code /metadata/1/value} or {@code $.metadata[1].value} -> {@code metadata[1].value}. */
    static String path(String location) {
        String p = location.startsWith("$") ? location.substring(1) : location;
        p = p.replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
        return p.startsWith(".") ? p.substring(1) : p;
    }

    private static JsonSchema load() {
        try (InputStream in = resource()) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().errorMessageKeyword("message").build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource() {
        InputStream in = AssessmentUpdateSchema.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        return in;
    }

    private AssessmentUpdateSchema() {
    }
}
