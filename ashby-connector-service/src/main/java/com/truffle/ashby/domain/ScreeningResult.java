package com.truffle.ashby.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A completed screening's result as screening-service reports it. */
public record ScreeningResult(Number score, List<QuestionScore> scores, Instant startedAt, Instant completedAt,
        Long durationSeconds) {

    public record QuestionScore(String questionId, String prompt, Number score) {
    }

    public ScreeningResult {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(completedAt, "completed_at");
        scores = scores == null ? List.of() : List.copyOf(scores);
    }

    /** Whole minutes, rounded; from duration_seconds, else from the start and completion times; null if unknown. */
    public Long durationMinutes() {
        Long seconds = durationSeconds;
        if (seconds == null && startedAt != null) {
            seconds = Duration.between(startedAt, completedAt).getSeconds();
        }
        if (seconds == null || seconds < 0) {
            return null;
        }
        return Math.round(seconds / 60.0);
    }
}
