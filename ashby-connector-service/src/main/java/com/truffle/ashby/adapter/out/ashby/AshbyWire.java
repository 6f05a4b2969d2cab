package com.truffle.ashby.adapter.out.ashby;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.truffle.ashby.domain.AssessmentUpdate;
import com.truffle.ashby.domain.DataValue;

/**
 * Ashby's wire format for assessment.update (reference §4.1, §4.2), named field by field so that no JSON setting of
 * the application can change what Ashby receives. Absent values are omitted, not sent as null.
 */
final class AshbyWire {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UpdateBody(
            @JsonProperty("assessment_id") String assessmentId,
            @JsonProperty("timestamp") long timestamp,
            @JsonProperty("assessment_status") Value assessmentStatus,
            @JsonProperty("assessment_profile_url") Value assessmentProfileUrl,
            @JsonProperty("assessment_result") Value assessmentResult,
            @JsonProperty("cancelled_reason") Value cancelledReason,
            @JsonProperty("metadata") List<Value> metadata) {

        static UpdateBody of(AssessmentUpdate u) {
            return new UpdateBody(u.assessmentId(), u.timestamp(), Value.of(u.assessmentStatus()), Value.of(u.assessmentProfileUrl()),
                    Value.of(u.assessmentResult()), Value.of(u.cancelledReason()),
                    u.metadata() == null ? null : u.metadata().stream().map(Value::of).toList());
        }
    }

    /** AssessmentDataValue: the value keeps its JSON type (number, string or boolean) as the type demands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Value(
            @JsonProperty("identifier") String identifier,
            @JsonProperty("label") String label,
            @JsonProperty("type") String type,
            @JsonProperty("value") Object value,
            @JsonProperty("description") String description) {

        static Value of(DataValue v) {
            return v == null ? null : new Value(v.identifier(), v.label(), v.type().wireName(), v.value(), v.description());
        }
    }

    private AshbyWire() {
    }
}
