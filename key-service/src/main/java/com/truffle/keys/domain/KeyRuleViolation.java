package com.truffle.keys.domain;

import java.util.List;

/** A command the key rules refuse; {@link Rule} says which, the message says it for humans. */
public class KeyRuleViolation extends RuntimeException {

    public enum Rule {
        ACCESS_NOT_APPROVED,
        PLAN_NOT_PAID,
        TOO_MANY_KEYS,
        PARTNER_KEY_EXISTS,
        INVALID,
        REVOKED,
        NOT_FOUND
    }

    /** A field that failed validation (snake_case, as on the wire). */
    public record FieldProblem(String field, String message) {
    }

    private final Rule rule;
    private final List<FieldProblem> fields;

    public KeyRuleViolation(Rule rule, String message) {
        this(rule, message, List.of());
    }

    public KeyRuleViolation(Rule rule, String message, List<FieldProblem> fields) {
        super(message, null, false, false);
        this.rule = rule;
        this.fields = List.copyOf(fields);
    }

    public Rule rule() {
        return rule;
    }

    public List<FieldProblem> fields() {
        return fields;
    }
}
