package com.truffle.screening.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A position (job posting) with its screening questions. Creating one publishes it; every later change
 * (including open/close) is a {@code PositionUpdated}. Invitations are accepted only while it is OPEN.
 */
public final class Job {

    private final JobId id;
    private final CompanyId companyId;
    private String title;
    private String description;
    private JobStatus status;
    private List<Question> questions;
    private final Instant createdAt;
    private Instant updatedAt;
    private final long version;

    public Job(JobId id, CompanyId companyId, String title, String description, JobStatus status, List<Question> questions,
            Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id);
        this.companyId = Objects.requireNonNull(companyId);
        this.title = Objects.requireNonNull(title);
        this.description = description;
        this.status = Objects.requireNonNull(status);
        this.questions = List.copyOf(questions);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
        this.version = version;
    }

    public static Job create(CompanyId companyId, String title, String description, List<Question> questions,
            JobStatus status, Instant now) {
        if (questions.isEmpty()) {
            throw ScreeningRuleViolation.invalid("questions", "a position needs at least one screening question");
        }
        return new Job(JobId.random(), companyId, title.strip(), blankToNull(description), status == null ? JobStatus.OPEN : status,
                questions, now, now, -1);
    }

    public ScreeningEvent.PositionPublished published() {
        return new ScreeningEvent.PositionPublished(companyId, id, title, description, status, questions.size(), createdAt);
    }

    /** Applies the given changes (null = unchanged); returns the event, or null when nothing changed. */
    public ScreeningEvent.PositionUpdated update(String newTitle, String newDescription, List<Question> newQuestions,
            JobStatus newStatus, Instant now) {
        boolean changed = false;
        if (newTitle != null && !newTitle.strip().equals(title)) {
            title = newTitle.strip();
            changed = true;
        }
        if (newDescription != null && !Objects.equals(blankToNull(newDescription), description)) {
            description = blankToNull(newDescription);
            changed = true;
        }
        if (newQuestions != null) {
            if (newQuestions.isEmpty()) {
                throw ScreeningRuleViolation.invalid("questions", "a position needs at least one screening question");
            }
            if (!newQuestions.equals(questions)) {
                questions = List.copyOf(newQuestions);
                changed = true;
            }
        }
        if (newStatus != null && newStatus != status) {
            status = newStatus;
            changed = true;
        }
        if (!changed) {
            return null;
        }
        updatedAt = now;
        return new ScreeningEvent.PositionUpdated(companyId, id, title, description, status, questions.size(), now);
    }

    public void requireOpen() {
        if (status != JobStatus.OPEN) {
            throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.JOB_CLOSED, "job_id",
                    "The position \"" + title + "\" is closed; reopen it before inviting candidates.");
        }
    }

    /** The question with this id, if the position has it (kept on update so answers stay attached). */
    public Question question(QuestionId questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst().orElse(null);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public JobId id() {
        return id;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public JobStatus status() {
        return status;
    }

    public List<Question> questions() {
        return questions;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The persisted version this state was loaded at (-1 when new): optimistic locking. */
    public long version() {
        return version;
    }
}
