package com.truffle.screening.domain;

import java.util.Objects;
import java.util.UUID;

public record ScreeningId(UUID value) {

    public ScreeningId {
        Objects.requireNonNull(value, "screening id");
    }

    public static ScreeningId random() {
        return new ScreeningId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a body; anything that is not a uuid is "not found". */
    public static ScreeningId parse(String value) {
        return new ScreeningId(Ids.uuid(value, "screening"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
