package com.truffle.access.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A company's API access. The legal moves:
 * NONE → PENDING (request); PENDING → APPROVED | REJECTED (staff); REJECTED → PENDING (request again);
 * APPROVED → SUSPENDED (plan left PAID); SUSPENDED → APPROVED (plan back to PAID).
 * Everything else is refused.
 */
public enum AccessStatus {
    NONE,
    PENDING,
    APPROVED,
    REJECTED,
    SUSPENDED;

    public Set<AccessStatus> next() {
        return switch (this) {
            case NONE, REJECTED -> EnumSet.of(PENDING);
            case PENDING -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> EnumSet.of(SUSPENDED);
            case SUSPENDED -> EnumSet.of(APPROVED);
        };
    }

    public boolean canMoveTo(AccessStatus target) {
        return next().contains(target);
    }
}
