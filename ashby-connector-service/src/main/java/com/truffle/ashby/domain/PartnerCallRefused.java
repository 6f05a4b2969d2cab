package com.truffle.ashby.domain;

/** A call from Ashby that the integration refuses; the message is written for the Ashby user who will read it. */
public class PartnerCallRefused extends RuntimeException {

    public enum Reason {
        /** A start without what we truly need (assessment type, candidate email). */
        INVALID_REQUEST,
        UNKNOWN_ASSESSMENT_TYPE,
        /** A start while the same application is already being assessed for the same type: Ashby's 409. */
        ALREADY_BEING_ASSESSED,
        /** Not connected, or not on a paid plan: the gateway should already have refused the partner key. */
        INTEGRATION_INACTIVE
    }

    private final Reason reason;

    public PartnerCallRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
