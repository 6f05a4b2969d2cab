package com.truffle.screening.domain;

import java.util.List;
import java.util.Objects;

/** One answer and its score (0-100), with the keywords it mentioned: the score explains itself. */
public record QuestionScore(QuestionId questionId, String prompt, String answer, int score, List<String> matchedKeywords) {

    public QuestionScore {
        Objects.requireNonNull(questionId, "question id");
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a score is 0-100, got " + score);
        }
        matchedKeywords = List.copyOf(matchedKeywords);
    }
}
