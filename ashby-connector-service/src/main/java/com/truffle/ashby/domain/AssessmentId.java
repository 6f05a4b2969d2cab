package com.truffle.ashby.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Our id for an assessment Ashby started: returned from assessment.start, sent back in every update. */
public record AssessmentId(UUID value) {

    public AssessmentId {
        Objects.requireNonNull(value, "assessment id");
    }

    public static AssessmentId random() {
        return new AssessmentId(UUID.randomUUID());
    }

    /** Empty for anything that is not one of our ids (Ashby may send garbage; a screening may carry another source_ref). */
    public static Optional<AssessmentId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AssessmentId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
