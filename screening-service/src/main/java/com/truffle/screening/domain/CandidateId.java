package com.truffle.screening.domain;

import java.util.Objects;
import java.util.UUID;

public record CandidateId(UUID value) {

    public CandidateId {
        Objects.requireNonNull(value, "candidate id");
    }

    public static CandidateId random() {
        return new CandidateId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a body; anything that is not a uuid is "not found". */
    public static CandidateId parse(String value) {
        return new CandidateId(Ids.uuid(value, "candidate"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
