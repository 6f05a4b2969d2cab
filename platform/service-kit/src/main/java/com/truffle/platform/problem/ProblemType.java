package com.truffle.platform.problem;

/**
 * The one catalogue of problem types every service answers with: the stable {@code type} a client switches on
 * ({@value Problem#TYPE_BASE} + slug), its HTTP status and its title. A service maps its rule violations to these
 * (a table per service: {@code KeyProblems}, {@code AccessProblems}, {@code ScreeningProblems},
 * {@code IntegrationProblems}); the {@code detail} is the service's, for humans. Add a type here, never rename one:
 * clients depend on it. Extra members a type always carries are added by {@link ProblemResponder} (the upgrade URL
 * of {@link #PAID_PLAN_REQUIRED}).
 */
public enum ProblemType {

    // the request cannot be read
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    INVALID_PARAMETER(400, "invalid-parameter", "Invalid parameter"),
    INVALID_COMPANY_ID(400, "invalid-company-id", "Invalid company id"),
    INVALID_CURSOR(400, "invalid-cursor", "Invalid cursor"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    VALIDATION(422, "validation", "Invalid request"),

    // who may
    UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NO_COMPANY(403, "no-company", "Forbidden"),
    PAID_PLAN_REQUIRED(403, "paid-plan-required", "Paid plan required"),
    API_ACCESS_NOT_APPROVED(403, "api-access-not-approved", "API access not approved"),
    PARTNER_KEY_REFUSED(403, "partner-key-refused", "Truffle key not issued"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),

    // what exists
    NOT_FOUND(404, "not-found", "Not found"),
    UNKNOWN_KEY(404, "unknown-key", "Unknown key"),
    SCREENING_EXPIRED(410, "screening-expired", "Screening link expired"),

    // what state allows
    CONCURRENT_CHANGE(409, "concurrent-change", "Changed meanwhile"),
    KEY_LIMIT_REACHED(409, "key-limit-reached", "Too many keys"),
    PARTNER_KEY_EXISTS(409, "partner-key-exists", "Partner key exists"),
    ACCESS_ALREADY_APPROVED(409, "access-already-approved", "Already approved"),
    ACCESS_SUSPENDED(409, "access-suspended", "API access suspended"),
    REQUEST_NOT_PENDING(409, "request-not-pending", "Request not pending"),
    ILLEGAL_TRANSITION(409, "illegal-transition", "Not allowed now"),
    CANDIDATE_EMAIL_TAKEN(409, "candidate-email-taken", "Email already used"),
    JOB_CLOSED(409, "job-closed", "Position closed"),
    SCREENING_NOT_STARTED(409, "screening-not-started", "Screening not started"),
    SCREENING_COMPLETED(409, "screening-completed", "Screening completed"),
    SCREENING_CANCELLED(409, "screening-cancelled", "Screening cancelled"),
    WEBHOOK_LIMIT_REACHED(409, "webhook-limit-reached", "Too many webhooks"),
    ASHBY_ALREADY_CONNECTED(409, "ashby-already-connected", "Already connected"),
    ASHBY_NOT_CONNECTED(409, "ashby-not-connected", "Not connected"),
    ASHBY_RECONNECT_REQUIRED(409, "ashby-reconnect-required", "Reconnect Ashby"),
    ASHBY_KEY_REJECTED(422, "ashby-key-rejected", "Ashby rejected this key"),
    ASHBY_KEY_LACKS_PERMISSION(422, "ashby-key-lacks-permission", "This Ashby key cannot post results"),

    // our side
    INTERNAL(500, "internal", "Internal error"),
    ASHBY_UNAVAILABLE(502, "ashby-unavailable", "Ashby is not answering"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Temporarily unavailable"),
    KEY_SERVICE_UNAVAILABLE(503, "key-service-unavailable", "Try again shortly");

    private final int status;
    private final String slug;
    private final String title;
    private final String uri;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.uri = Problem.TYPE_BASE + slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** The full {@code type} URI. */
    public String uri() {
        return uri;
    }

    /** A problem of this type; {@code detail} says, for a human, what happened this time. */
    public Problem problem(String detail) {
        return Problem.of(status, slug, title, detail);
    }
}
