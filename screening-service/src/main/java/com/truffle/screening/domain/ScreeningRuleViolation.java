package com.truffle.screening.domain;

/**
 * A command the hiring rules refuse. {@link Rule} says which rule (the REST adapter maps it to a stable problem
 * type), {@code field} names the offending input when there is one, the message says it for humans.
 */
public class ScreeningRuleViolation extends RuntimeException {

    public enum Rule {
        NOT_FOUND,
        INVALID_INPUT,
        INVALID_CURSOR,
        INVALID_COMPANY_ID,
        EMAIL_TAKEN,
        JOB_CLOSED,
        SCREENING_NOT_STARTED,
        SCREENING_COMPLETED,
        SCREENING_CANCELLED,
        SCREENING_EXPIRED,
        WEBHOOK_LIMIT_REACHED,
        CONCURRENT_CHANGE,
        RATE_LIMITED
    }

    private final Rule rule;
    private final String field;

    public ScreeningRuleViolation(Rule rule, String message) {
        this(rule, null, message);
    }

    public ScreeningRuleViolation(Rule rule, String field, String message) {
        super(message, null, false, false);
        this.rule = rule;
        this.field = field;
    }

    public static ScreeningRuleViolation notFound(String what, Object id) {
        return new ScreeningRuleViolation(Rule.NOT_FOUND, "No " + what + " " + id + ".");
    }

    public static ScreeningRuleViolation invalid(String field, String message) {
        return new ScreeningRuleViolation(Rule.INVALID_INPUT, field, message);
    }

    public Rule rule() {
        return rule;
    }

    /** The request field at fault (snake_case, as on the wire), or null. */
    public String field() {
        return field;
    }
}
