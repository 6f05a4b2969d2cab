package com.truffle.ashby.adapter.in.rest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Ashby's envelope for the partner routes (reference §3, §5, §6), named field by field: success
 * {@code {"success":true,"results":…}} (custom fields: {@code "fields"}), failure
 * {@code {"success":false,"errors":[code],"errorInfo":{"code","message","requestId"}}}, and on start the
 * user-facing {@code 422 {"message"}}.
 */
final class AshbyEnvelope {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Success(@JsonProperty("success") boolean success, @JsonProperty("results") Object results) {
    }

    record Fields(@JsonProperty("success") boolean success, @JsonProperty("fields") List<Object> fields) {
    }

    record AssessmentType(@JsonProperty("assessment_type_id") String assessmentTypeId, @JsonProperty("name") String name,
            @JsonProperty("description") String description) {
    }

    record AssessmentRef(@JsonProperty("assessment_id") String assessmentId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorInfo(@JsonProperty("code") String code, @JsonProperty("message") String message,
            @JsonProperty("requestId") String requestId) {
    }

    record Failure(@JsonProperty("success") boolean success, @JsonProperty("errors") List<String> errors,
            @JsonProperty("errorInfo") ErrorInfo errorInfo) {
    }

    record UserMessage(@JsonProperty("message") String message) {
    }

    static Response ok(Object results) {
        return json(200, new Success(true, results));
    }

    static Response fields() {
        return json(200, new Fields(true, List.of()));
    }

    static Response failure(int status, String code, String message, String requestId) {
        return json(status, new Failure(false, List.of(code), new ErrorInfo(code, message, requestId)));
    }

    /** 409 on start: the candidate is already being assessed (the spec gives no body; the message is for people). */
    static Response conflict(String message) {
        return json(409, new UserMessage(message));
    }

    /** 422 with a message Ashby shows to its user (start only). */
    static Response userMessage(String message) {
        return json(422, new UserMessage(message));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private AshbyEnvelope() {
    }
}
