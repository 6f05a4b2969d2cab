package com.truffle.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Event contracts as CONVENTIONS.md has them: a producer keeps {@code src/main/resources/events/<Type>.schema.json}
 * and {@code <Type>.sample.json} per event type; its tests validate every produced event against the schema,
 * and each consumer parses the producer's samples (read from the producer module's folder), so a breaking
 * change fails the build on both sides.
 */
public final class EventContracts {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final Path folder;

    private EventContracts(Path folder) {
        this.folder = folder;
    }

    /** This module's own events ({@code src/main/resources/events}). */
    public static EventContracts own() {
        return new EventContracts(Path.of("src/main/resources/events"));
    }

    /** A producer's events, from a consumer's test: {@code producer("key-service")}. */
    public static EventContracts producer(String module) {
        return new EventContracts(Path.of("..", module, "src/main/resources/events"));
    }

    public List<String> types() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .map(n -> n.substring(0, n.length() - ".schema.json".length())).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sample(String type) {
        return read(folder.resolve(type + ".sample.json"));
    }

    /** The schema's violations for {@code json} (empty when valid). */
    public List<String> violations(String type, String json) {
        try {
            JsonSchema schema = FACTORY.getSchema(read(folder.resolve(type + ".schema.json")));
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> messages = schema.validate(node);
            List<String> out = new ArrayList<>();
            messages.forEach(m -> out.add(m.getMessage()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void assertValid(String type, String json) {
        if (!Files.exists(folder.resolve(type + ".schema.json"))) {
            throw new AssertionError("no schema for event type " + type + " in " + folder);
        }
        List<String> v = violations(type, json);
        if (!v.isEmpty()) {
            throw new AssertionError(type + " does not match its schema: " + v + "\n" + json);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
