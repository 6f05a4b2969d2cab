package com.truffle.screening.domain;

import java.util.Objects;

/** A candidate's answer to one question, as submitted. */
public record Answer(QuestionId questionId, String text) {

    public Answer {
        Objects.requireNonNull(questionId, "question id");
        text = text == null ? "" : text;
    }
}
