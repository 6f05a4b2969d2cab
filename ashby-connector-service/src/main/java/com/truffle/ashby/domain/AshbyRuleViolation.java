package com.truffle.ashby.domain;

/** A command the integration refuses; {@link Rule} says why, the message says it for the admin. */
public class AshbyRuleViolation extends RuntimeException {

    public enum Rule {
        PAID_PLAN_REQUIRED,
        ALREADY_CONNECTED,
        NOT_CONNECTED,
        /** The connection needs a reconnect (rejected Ashby key, revoked partner key); a retry cannot help. */
        RECONNECT_REQUIRED,
        ASHBY_KEY_REJECTED,
        /** A valid Ashby key that cannot write candidates: results could never be posted. */
        ASHBY_KEY_LACKS_PERMISSION,
        /** Ashby could not be reached (or answered 5xx) while checking a key. */
        ASHBY_UNAVAILABLE,
        /** key-service refused to issue, regenerate or revoke the partner key (a 4xx of its own). */
        PARTNER_KEY_REFUSED,
        KEY_SERVICE_UNAVAILABLE,
        INVALID_COMPANY_ID,
        INVALID_ASHBY_KEY
    }

    private final Rule rule;

    public AshbyRuleViolation(Rule rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
