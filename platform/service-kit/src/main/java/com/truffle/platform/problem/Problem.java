package com.truffle.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of problem (clients switch on it; the kinds
 * are {@link ProblemType}, which makes them), {@code detail} is for humans, {@code errors} lists field errors for
 * validation problems.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors", "request_id"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://docs.truffle.dev/problems/";

    public record FieldError(String field, String message) {
    }

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private List<FieldError> errors;
    private String requestId;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private Problem(String type, String title, int status, String detail) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    /** A problem outside the catalogue: only a refusal by status the catalogue has no type for. */
    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail);
    }

    public Problem withErrors(List<FieldError> errors) {
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        return this;
    }

    /** An extension member (RFC 9457 §3.2), e.g. {@code required_permission}. */
    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public Problem withRequestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    public String getRequestId() {
        return requestId;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    public ProblemException toException() {
        return new ProblemException(this);
    }
}
