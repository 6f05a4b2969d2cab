package com.truffle.deploy.ashby;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The reference's examples (ashby-partner-api.md §4.2) pass; each way of breaking one is named. */
class AssessmentUpdateSchemaTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String STARTED = """
            {"assessment_id": "A1", "timestamp": 1700000000000,
             "assessment_status": {"identifier": "status", "label": "Status", "type": "string", "value": "Started"},
             "assessment_profile_url": {"identifier": "profile", "label": "View in Partner", "type": "url", "value": "https://partner/x"}}""";
    static final String COMPLETED = """
            {"assessment_id": "A1", "timestamp": 1700000900000,
             "assessment_status": {"identifier": "status", "label": "Status", "type": "string", "value": "Completed"},
             "assessment_result": {"identifier": "score", "label": "Score", "type": "numeric_score", "value": 87},
             "assessment_profile_url": {"identifier": "profile", "label": "View in Partner", "type": "url", "value": "https://partner/x/report"},
             "metadata": [{"identifier": "max_score", "label": "Max score", "type": "numeric_score", "value": 100},
                          {"identifier": "duration", "label": "Time taken", "type": "numeric_duration_minutes", "value": 42,
                           "description": "minutes from start to submit"}]}""";
    static final String CANCELLED = """
            {"assessment_id": "A1", "timestamp": 1700000500000,
             "cancelled_reason": {"identifier": "cancel_reason", "label": "Cancelled", "type": "string", "value": "Candidate withdrew"}}""";

    @Test
    void theReferenceExamplesConform() throws Exception {
        for (String body : List.of(STARTED, COMPLETED, CANCELLED)) {
            assertThat(AssessmentUpdateSchema.violations(JSON.readTree(body))).as(body).isEmpty();
        }
        // nullable members are absent when null
        assertThat(AssessmentUpdateSchema.violations(JSON.readTree(CANCELLED.replace("\"timestamp\": 1700000500000,",
                "\"timestamp\": 1700000500000, \"assessment_status\": null, \"metadata\": null,")))).isEmpty();
    }

    record Broken(String name, String body, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Broken> broken() {
        return List.of(
                new Broken("no assessment_id", STARTED.replace("\"assessment_id\": \"A1\", ", ""), "assessment_id is required"),
                new Broken("blank assessment_id", STARTED.replace("\"A1\"", "\" \""), "assessment_id must be a non-empty string"),
                new Broken("timestamp as a string", STARTED.replace("1700000000000", "\"1700000000000\""),
                        "timestamp must be an integer"),
                new Broken("timestamp 0", STARTED.replace("1700000000000", "0"), "timestamp must be a positive integer"),
                new Broken("no timestamp", STARTED.replace("\"timestamp\": 1700000000000,", ""), "timestamp is required"),
                new Broken("a string score", COMPLETED.replace("\"value\": 87", "\"value\": \"87\""),
                        "assessment_result.value must be a number"),
                new Broken("a result without the profile url", COMPLETED.replace("\"assessment_profile_url\"", "\"metadata_x\""),
                        "assessment_profile_url is required when assessment_result is set"),
                new Broken("an unknown member", STARTED.replace("\"timestamp\"", "\"hint\": 1, \"timestamp\""), "hint"),
                new Broken("an unknown data-value member", STARTED.replace("\"label\": \"Status\"", "\"label\": \"Status\", \"color\": \"red\""),
                        "color"),
                new Broken("a profile url of type string", STARTED.replace("\"type\": \"url\"", "\"type\": \"string\""),
                        "must be \"url\" on assessment_profile_url"),
                new Broken("neither status nor cancel reason", CANCELLED.replace("cancelled_reason", "metadata_x"),
                        "assessment_status is required unless cancelled_reason is set"),
                new Broken("an unknown data-value type", STARTED.replace("\"type\": \"string\"", "\"type\": \"text\""),
                        "assessment_status.type must be one of"),
                new Broken("no label", STARTED.replace("\"label\": \"Status\", ", ""), "assessment_status.label is required"),
                new Broken("a repeated metadata identifier", COMPLETED.replace("\"identifier\": \"duration\"", "\"identifier\": \"max_score\""),
                        "metadata[1].identifier \"max_score\" is used twice"),
                new Broken("a boolean that is a string", COMPLETED.replace("\"type\": \"numeric_score\", \"value\": 87",
                        "\"type\": \"boolean_success\", \"value\": \"yes\""), "assessment_result.value must be a boolean"),
                new Broken("a relative url", STARTED.replace("https://partner/x", "/x"), "assessment_profile_url.value must be an absolute"),
                new Broken("not an object", "[]", "must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void eachBreakageIsNamed(Broken b) throws Exception {
        JsonNode body = JSON.readTree(b.body());
        List<String> violations = AssessmentUpdateSchema.violations(body);
        assertThat(violations).as("violations of %s", b.name()).anySatisfy(v -> assertThat(v).contains(b.expected()));
    }
}
