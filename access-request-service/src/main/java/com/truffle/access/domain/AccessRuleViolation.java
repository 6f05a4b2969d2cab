package com.truffle.access.domain;

/** A command the access rules refuse; {@link Rule} says which rule, the message says it for humans. */
public class AccessRuleViolation extends RuntimeException {

    public enum Rule {
        PAID_PLAN_REQUIRED,
        ALREADY_APPROVED,
        ACCESS_SUSPENDED,
        NOT_PENDING,
        ILLEGAL_TRANSITION,
        REASON_REQUIRED,
        INVALID_COMPANY_ID,
        NOT_FOUND,
        INVALID_CURSOR
    }

    private final Rule rule;

    public AccessRuleViolation(Rule rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
