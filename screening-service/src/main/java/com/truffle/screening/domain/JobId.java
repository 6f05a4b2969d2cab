package com.truffle.screening.domain;

import java.util.Objects;
import java.util.UUID;

public record JobId(UUID value) {

    public JobId {
        Objects.requireNonNull(value, "job id");
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a body; anything that is not a uuid is "not found". */
    public static JobId parse(String value) {
        return new JobId(Ids.uuid(value, "job"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
