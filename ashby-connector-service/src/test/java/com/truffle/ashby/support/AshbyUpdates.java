package com.truffle.ashby.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * What WireMock-as-Ashby received on assessment.update, and the reference's rules for such a body (ashby-partner-api.md
 * §4.1, §4.2), checked value by value: required members, the data-value object, each type with its JSON value type.
 */
public final class AshbyUpdates {

    public static final Set<String> TOP_LEVEL = Set.of("assessment_id", "timestamp", "assessment_status", "assessment_profile_url",
            "assessment_result", "cancelled_reason", "metadata");
    public static final Set<String> DATA_VALUE_MEMBERS = Set.of("identifier", "label", "type", "value", "description");
    public static final Set<String> TYPES = Set.of("numeric_score", "numeric_duration_minutes", "url", "string", "boolean_success");

    /** Every call for this assessment, oldest first (answered or not). */
    public static List<ServeEvent> calls(String assessmentId) {
        List<ServeEvent> out = new ArrayList<>();
        for (ServeEvent e : AshbyWireMock.ashby().getAllServeEvents()) {
            if (e.getRequest().getUrl().equals("/assessment.update")
                    && assessmentId.equals(body(e).path("assessment_id").asText(null))) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        return out;
    }

    /** The calls WireMock answered 200 {"success":true}: what Ashby took. */
    public static List<ServeEvent> accepted(String assessmentId) {
        return calls(assessmentId).stream().filter(e -> e.getResponse().getStatus() == 200
                && e.getResponse().getBodyAsString().contains("\"success\":true")).toList();
    }

    public static JsonNode body(ServeEvent e) {
        try {
            return Fixtures.JSON.readTree(e.getRequest().getBodyAsString());
        } catch (Exception notJson) {
            return Fixtures.JSON.nullNode();
        }
    }

    /** Everything Ashby would object to in {@code body}; empty when it conforms. */
    public static List<String> violations(JsonNode body) {
        List<String> v = new ArrayList<>();
        if (!body.isObject()) {
            v.add("not a JSON object");
            return v;
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!TOP_LEVEL.contains(f)) {
                v.add("unknown member " + f);
            }
        });
        if (!body.path("assessment_id").isTextual() || body.path("assessment_id").asText().isBlank()) {
            v.add("assessment_id must be a non-empty string");
        }
        if (!body.path("timestamp").isIntegralNumber() || body.path("timestamp").asLong() <= 0) {
            v.add("timestamp must be an integer of milliseconds since the epoch");
        }
        for (String f : List.of("assessment_status", "assessment_profile_url", "assessment_result", "cancelled_reason")) {
            if (body.has(f)) {
                dataValue(f, body.get(f), v);
            }
        }
        if (!body.has("assessment_status") && !body.has("cancelled_reason")) {
            v.add("assessment_status is required unless cancelled_reason is set");
        }
        if (body.has("assessment_result") && !body.has("assessment_profile_url")) {
            v.add("assessment_profile_url is required with assessment_result");
        }
        if (body.has("assessment_profile_url") && !"url".equals(body.path("assessment_profile_url").path("type").asText())) {
            v.add("assessment_profile_url must have type url");
        }
        if (body.has("metadata")) {
            if (!body.get("metadata").isArray()) {
                v.add("metadata must be an array");
            } else {
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < body.get("metadata").size(); i++) {
                    JsonNode item = body.get("metadata").get(i);
                    dataValue("metadata[" + i + "]", item, v);
                    if (!ids.add(item.path("identifier").asText())) {
                        v.add("metadata[" + i + "].identifier is not unique");
                    }
                }
            }
        }
        return v;
    }

    private static void dataValue(String name, JsonNode d, List<String> v) {
        if (!d.isObject()) {
            v.add(name + " must be an object");
            return;
        }
        d.fieldNames().forEachRemaining(f -> {
            if (!DATA_VALUE_MEMBERS.contains(f)) {
                v.add(name + " has unknown member " + f);
            }
        });
        for (String f : List.of("identifier", "label")) {
            if (!d.path(f).isTextual() || d.path(f).asText().isBlank()) {
                v.add(name + "." + f + " must be a non-empty string");
            }
        }
        if (d.has("description") && !d.get("description").isTextual()) {
            v.add(name + ".description must be a string");
        }
        String type = d.path("type").asText(null);
        JsonNode value = d.get("value");
        if (type == null || !TYPES.contains(type)) {
            v.add(name + ".type must be one of " + TYPES + ", got " + d.get("type"));
            return;
        }
        if (value == null || value.isNull()) {
            v.add(name + ".value is required");
            return;
        }
        boolean ok = switch (type) {
            case "numeric_score", "numeric_duration_minutes" -> value.isNumber();
            case "boolean_success" -> value.isBoolean();
            case "url" -> value.isTextual() && absoluteHttp(value.asText());
            default -> value.isTextual();
        };
        if (!ok) {
            v.add(name + ".value " + value + " does not fit type " + type);
        }
    }

    private static boolean absoluteHttp(String s) {
        try {
            URI u = new URI(s);
            return u.isAbsolute() && u.getHost() != null && (u.getScheme().equals("https") || u.getScheme().equals("http"));
        } catch (Exception e) {
            return false;
        }
    }

    private AshbyUpdates() {
    }
}
