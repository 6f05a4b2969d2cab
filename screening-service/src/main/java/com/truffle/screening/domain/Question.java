package com.truffle.screening.domain;

import java.util.List;
import java.util.Objects;

/** A screening question and the keywords a good answer mentions (what the default scoring looks for). */
public record Question(QuestionId id, String prompt, List<String> keywords) {

    public Question {
        Objects.requireNonNull(id, "question id");
        Objects.requireNonNull(prompt, "prompt");
        keywords = keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
        if (keywords.isEmpty()) {
            throw ScreeningRuleViolation.invalid("keywords", "a question needs at least one keyword");
        }
    }
}
