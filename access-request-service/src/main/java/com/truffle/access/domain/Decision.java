package com.truffle.access.domain;

import java.time.Instant;
import java.util.Objects;

/** A staff decision on an access request: who, when, why (the audit record). */
public record Decision(AccessStatus outcome, String reviewer, Instant decidedAt, String reason) {

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
