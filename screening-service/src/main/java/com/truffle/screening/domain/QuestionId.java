package com.truffle.screening.domain;

import java.util.Objects;
import java.util.UUID;

public record QuestionId(UUID value) {

    public QuestionId {
        Objects.requireNonNull(value, "question id");
    }

    public static QuestionId random() {
        return new QuestionId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a body; anything that is not a uuid is "not found". */
    public static QuestionId parse(String value) {
        return new QuestionId(Ids.uuid(value, "question"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
