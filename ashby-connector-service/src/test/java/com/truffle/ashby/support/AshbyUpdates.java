package com.truffle.ashby.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.truffle.deploy.ashby.AssessmentUpdateSchema;

/**
 * What WireMock-as-Ashby received on assessment.update, and whether each body is one Ashby accepts: checked against
 * the one JSON Schema of Ashby's format (dev-infra's AssessmentUpdateSchema, which the local stack's sandbox uses).
 */
public final class AshbyUpdates {

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

    /** Everything Ashby would object to in {@code body}; empty when it conforms (the one schema the sandbox uses too). */
    public static List<String> violations(JsonNode body) {
        return AssessmentUpdateSchema.violations(body);
    }

    private AshbyUpdates() {
    }
}
