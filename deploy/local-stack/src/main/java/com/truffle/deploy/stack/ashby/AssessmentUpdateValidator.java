package com.truffle.deploy.stack.ashby;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks an {@code assessment.update} body the way Ashby's API does (see
 * shared/reference/ashby-partner-api.md §4.1, §4.2): required fields, the data-value object, and the pairing
 * of each data-value type with a JSON value type. Unknown top-level fields are ignored, as Ashby adds fields
 * over time. Returns every problem found, not only the first, so a failing connector test says everything.
 */
public final class AssessmentUpdateValidator {

    /** The five data-value types Ashby accepts. */
    public static final Set<String> DATA_VALUE_TYPES =
            Set.of("numeric_score", "numeric_duration_minutes", "url", "string", "boolean_success");

    private AssessmentUpdateValidator() {
    }

    /** The problems in {@code body}; empty when Ashby would accept it. */
    public static List<String> validate(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            problems.add("Request payload is malformed: expected a JSON object");
            return problems;
        }
        JsonNode id = body.get("assessment_id");
        if (absent(id)) {
            problems.add("assessment_id is required");
        } else if (!id.isTextual() || id.asText().isBlank()) {
            problems.add("assessment_id must be a non-empty string");
        }
        JsonNode timestamp = body.get("timestamp");
        if (absent(timestamp)) {
            problems.add("timestamp is required (milliseconds since the Unix epoch)");
        } else if (!timestamp.isIntegralNumber() || !timestamp.canConvertToLong() || timestamp.asLong() < 0) {
            problems.add("timestamp must be a non-negative integer (milliseconds since the Unix epoch), got "
                    + timestamp);
        }
        for (String field : List.of("assessment_status", "assessment_profile_url", "assessment_result",
                "cancelled_reason")) {
            JsonNode value = body.get(field);
            if (!absent(value)) {
                validateDataValue(field, value, problems);
            }
        }
        if (absent(body.get("assessment_status")) && absent(body.get("cancelled_reason"))) {
            problems.add("assessment_status is required unless cancelled_reason is set");
        }
        JsonNode profileUrl = body.get("assessment_profile_url");
        if (!absent(body.get("assessment_result")) && absent(profileUrl)) {
            problems.add("assessment_profile_url is required when assessment_result is set");
        }
        if (!absent(profileUrl) && profileUrl.isObject() && !"url".equals(profileUrl.path("type").asText(null))) {
            problems.add("assessment_profile_url must have type \"url\"");
        }
        JsonNode metadata = body.get("metadata");
        if (!absent(metadata)) {
            if (!metadata.isArray()) {
                problems.add("metadata must be an array of data values");
            } else {
                Set<String> identifiers = new HashSet<>();
                for (int i = 0; i < metadata.size(); i++) {
                    JsonNode item = metadata.get(i);
                    validateDataValue("metadata[" + i + "]", item, problems);
                    String identifier = item.path("identifier").asText(null);
                    if (identifier != null && !identifiers.add(identifier)) {
                        problems.add("metadata[" + i + "].identifier \"" + identifier
                                + "\" is used twice: metadata items must have unique identifiers");
                    }
                }
            }
        }
        return problems;
    }

    private static void validateDataValue(String name, JsonNode v, List<String> problems) {
        if (!v.isObject()) {
            problems.add(name + " must be an object with identifier, label, type and value");
            return;
        }
        for (String text : List.of("identifier", "label")) {
            JsonNode n = v.get(text);
            if (absent(n)) {
                problems.add(name + "." + text + " is required");
            } else if (!n.isTextual() || n.asText().isBlank()) {
                problems.add(name + "." + text + " must be a non-empty string");
            }
        }
        JsonNode description = v.get("description");
        if (!absent(description) && !description.isTextual()) {
            problems.add(name + ".description must be a string");
        }
        JsonNode typeNode = v.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (absent(typeNode)) {
            problems.add(name + ".type is required");
        } else if (type == null || !DATA_VALUE_TYPES.contains(type)) {
            problems.add(name + ".type must be one of numeric_score, numeric_duration_minutes, url, string, "
                    + "boolean_success, got " + typeNode);
            type = null;
        }
        JsonNode value = v.get("value");
        if (absent(value)) {
            problems.add(name + ".value is required");
            return;
        }
        if (type == null) {
            if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                problems.add(name + ".value must be a string, number or boolean");
            }
            return;
        }
        switch (type) {
            case "numeric_score", "numeric_duration_minutes" -> {
                if (!value.isNumber()) {
                    problems.add(name + ".value must be a number for type " + type + ", got " + value);
                }
            }
            case "boolean_success" -> {
                if (!value.isBoolean()) {
                    problems.add(name + ".value must be a boolean for type boolean_success, got " + value);
                }
            }
            case "url" -> {
                if (!value.isTextual()) {
                    problems.add(name + ".value must be a string for type url, got " + value);
                } else if (!isAbsoluteHttpUrl(value.asText())) {
                    problems.add(name + ".value must be an absolute http(s) URL, got " + value);
                }
            }
            default -> {
                if (!value.isTextual()) {
                    problems.add(name + ".value must be a string for type string, got " + value);
                }
            }
        }
    }

    private static boolean isAbsoluteHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull();
    }
}
