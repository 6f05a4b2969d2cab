package com.truffle.ashby.domain;

import java.time.Instant;
import java.util.Objects;

/** A Truffle position (job) as screening-service announces it; OPEN ones are Ashby's assessment types. */
public record Position(CompanyId companyId, String jobId, String title, String description, PositionStatus status,
        int questionCount, Instant occurredAt) {

    static final int MAX_DESCRIPTION = 280;

    public enum PositionStatus { OPEN, CLOSED }

    public Position {
        Objects.requireNonNull(companyId);
        Objects.requireNonNull(jobId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(occurredAt);
        title = title == null || title.isBlank() ? "Untitled position" : title.strip();
    }

    public boolean isOpen() {
        return status == PositionStatus.OPEN;
    }

    /** Whether {@code other} is newer news about the same position (events may be redelivered). */
    public boolean isSupersededBy(Position other) {
        return !other.occurredAt.isBefore(occurredAt);
    }

    public AssessmentType asAssessmentType() {
        String text = description == null || description.isBlank()
                ? "Truffle screening, " + questionCount + (questionCount == 1 ? " question" : " questions")
                : description.strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_DESCRIPTION) {
            text = text.substring(0, MAX_DESCRIPTION - 1) + "…";
        }
        return new AssessmentType(jobId, title, text);
    }

    /** One entry of assessment.list: what an Ashby user picks for an interview stage. */
    public record AssessmentType(String id, String name, String description) {
    }
}
