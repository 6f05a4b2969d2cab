package com.truffle.screening.domain;

import java.util.EnumSet;
import java.util.Set;

/** INVITED → STARTED → COMPLETED; INVITED or STARTED → CANCELLED. COMPLETED and CANCELLED are final. */
public enum ScreeningStatus {
    INVITED,
    STARTED,
    COMPLETED,
    CANCELLED;

    public Set<ScreeningStatus> next() {
        return switch (this) {
            case INVITED -> EnumSet.of(STARTED, CANCELLED);
            case STARTED -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(ScreeningStatus.class);
        };
    }

    public boolean canMoveTo(ScreeningStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
