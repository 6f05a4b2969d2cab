package com.truffle.screening.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One candidate's screening for one position: the state machine INVITED → STARTED → COMPLETED (or CANCELLED),
 * the questions as they were when the candidate was invited (a later edit of the position does not change a
 * screening under way), the answers with their scores, and the hash of the screener link's token.
 */
public final class Screening {

    private final ScreeningId id;
    private final CompanyId companyId;
    private final CandidateId candidateId;
    private final JobId jobId;
    private final String candidateEmail;
    private final String jobTitle;
    private final List<Question> questions;
    private ScreeningStatus status;
    private String tokenHash;
    private String sourceRef;
    private List<QuestionScore> scores;
    private Integer score;
    private final Instant invitedAt;
    private Instant expiresAt;
    private Instant startedAt;
    private Instant completedAt;
    private Instant cancelledAt;
    private String cancelReason;
    private Instant updatedAt;
    private final long version;

    public Screening(ScreeningId id, CompanyId companyId, CandidateId candidateId, JobId jobId, String candidateEmail,
            String jobTitle, List<Question> questions, ScreeningStatus status, String tokenHash, String sourceRef,
            List<QuestionScore> scores, Integer score, Instant invitedAt, Instant expiresAt, Instant startedAt,
            Instant completedAt, Instant cancelledAt, String cancelReason, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id);
        this.companyId = Objects.requireNonNull(companyId);
        this.candidateId = Objects.requireNonNull(candidateId);
        this.jobId = Objects.requireNonNull(jobId);
        this.candidateEmail = Objects.requireNonNull(candidateEmail);
        this.jobTitle = Objects.requireNonNull(jobTitle);
        this.questions = List.copyOf(questions);
        this.status = Objects.requireNonNull(status);
        this.tokenHash = tokenHash;
        this.sourceRef = sourceRef;
        this.scores = scores == null ? List.of() : List.copyOf(scores);
        this.score = score;
        this.invitedAt = Objects.requireNonNull(invitedAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.startedAt = startedAt;
        this.completedAt = completedAt;
        this.cancelledAt = cancelledAt;
        this.cancelReason = cancelReason;
        this.updatedAt = updatedAt == null ? invitedAt : updatedAt;
        this.version = version;
    }

    /** A new invitation of {@code candidate} to {@code job} (which must be open), valid for {@code validity}. */
    public static Screening invite(Candidate candidate, Job job, String sourceRef, Instant now, Duration validity) {
        if (!candidate.companyId().equals(job.companyId())) {
            throw new IllegalArgumentException("candidate and job belong to different companies");
        }
        job.requireOpen();
        return new Screening(ScreeningId.random(), job.companyId(), candidate.id(), job.id(), candidate.email(), job.title(),
                job.questions(), ScreeningStatus.INVITED, null, Job.blankToNull(sourceRef), List.of(), null, now,
                now.plus(validity), null, null, null, null, now, -1);
    }

    public ScreeningEvent.ScreeningInvited invited() {
        return new ScreeningEvent.ScreeningInvited(companyId, id, candidateId, jobId, candidateEmail, sourceRef, expiresAt,
                invitedAt);
    }

    /**
     * Inviting again to the same position: no second screening. A screening still waiting for the candidate
     * gets a fresh validity window (and a fresh link is mailed); {@code sourceRef}, when given, becomes the
     * reference of the latest request (e.g. a new Ashby assessment). Returns whether a new link should be mailed.
     */
    public boolean reinvite(String newSourceRef, Instant now, Duration validity) {
        if (newSourceRef != null && !newSourceRef.isBlank()) {
            sourceRef = newSourceRef.strip();
        }
        if (status != ScreeningStatus.INVITED) {
            return false;
        }
        expiresAt = now.plus(validity);
        updatedAt = now;
        return true;
    }

    /**
     * Whether an invitation with {@code newSourceRef} asks for a screening of its own rather than this one: this one
     * is finished (completed or cancelled) and the request is another one (a new Ashby assessment of the same
     * candidate). Inviting again without a reference (the hiring API) keeps this one.
     */
    public boolean isNewRequestAfterFinishing(String newSourceRef) {
        return status.isFinal() && newSourceRef != null && !newSourceRef.isBlank() && !newSourceRef.strip().equals(sourceRef);
    }

    /** The link's token changed (a new invitation mail): only its hash is kept, the old link stops working. */
    public void issueToken(String newTokenHash, Instant now) {
        this.tokenHash = Objects.requireNonNull(newTokenHash);
        this.updatedAt = now;
    }

    public boolean isExpired(Instant now) {
        return !status.isFinal() && now.isAfter(expiresAt);
    }

    /** The candidate opens the screener and starts; starting twice is harmless (returns null, nothing happened). */
    public ScreeningEvent.ScreeningStarted start(Instant now) {
        if (status == ScreeningStatus.STARTED && !isExpired(now)) {
            return null;
        }
        requireWritable(now);
        move(ScreeningStatus.STARTED);
        startedAt = now;
        updatedAt = now;
        return new ScreeningEvent.ScreeningStarted(companyId, id, candidateId, jobId, sourceRef, startedAt, now);
    }

    /**
     * Checks the submitted answers against the screening's questions: every question answered exactly once,
     * no unknown question. Returns them in question order.
     */
    public List<Answer> acceptAnswers(List<Answer> answers, Instant now) {
        requireWritable(now);
        if (status == ScreeningStatus.INVITED) {
            throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.SCREENING_NOT_STARTED,
                    "Start the screening before submitting answers.");
        }
        Map<QuestionId, Answer> byQuestion = new LinkedHashMap<>();
        Set<QuestionId> known = new HashSet<>();
        questions.forEach(q -> known.add(q.id()));
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            if (!known.contains(a.questionId())) {
                throw ScreeningRuleViolation.invalid("answers[" + i + "].question_id", "is not a question of this screening");
            }
            if (byQuestion.put(a.questionId(), a) != null) {
                throw ScreeningRuleViolation.invalid("answers[" + i + "].question_id", "is answered twice");
            }
        }
        List<Answer> ordered = new ArrayList<>();
        for (Question q : questions) {
            Answer a = byQuestion.get(q.id());
            if (a == null || a.text().isBlank()) {
                throw ScreeningRuleViolation.invalid("answers", "question " + q.id() + " is not answered");
            }
            ordered.add(a);
        }
        return ordered;
    }

    /** Records the scored answers; the screening's score is the rounded mean of the question scores. */
    public ScreeningEvent.ScreeningCompleted complete(List<QuestionScore> questionScores, Instant now) {
        requireWritable(now);
        if (status == ScreeningStatus.INVITED) {
            throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.SCREENING_NOT_STARTED,
                    "Start the screening before submitting answers.");
        }
        if (questionScores.size() != questions.size()) {
            throw new IllegalArgumentException("one score per question is needed");
        }
        move(ScreeningStatus.COMPLETED);
        scores = List.copyOf(questionScores);
        score = KeywordScoring.mean(questionScores.stream().mapToInt(QuestionScore::score).toArray());
        completedAt = now;
        updatedAt = now;
        long duration = Math.max(0, Duration.between(startedAt, completedAt).toSeconds());
        return new ScreeningEvent.ScreeningCompleted(companyId, id, candidateId, jobId, sourceRef, score, scores, startedAt,
                completedAt, duration, now);
    }

    /** Disqualifies the candidate (e.g. Ashby's cancel); cancelling twice is harmless (null: nothing happened). */
    public ScreeningEvent.ScreeningCancelled cancel(String reason, Instant now) {
        if (status == ScreeningStatus.CANCELLED) {
            return null;
        }
        if (status == ScreeningStatus.COMPLETED) {
            throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.SCREENING_COMPLETED,
                    "The screening is already completed; it cannot be cancelled.");
        }
        move(ScreeningStatus.CANCELLED);
        cancelledAt = now;
        cancelReason = Job.blankToNull(reason);
        updatedAt = now;
        return new ScreeningEvent.ScreeningCancelled(companyId, id, candidateId, jobId, sourceRef, cancelReason, now);
    }

    private void requireWritable(Instant now) {
        switch (status) {
            case COMPLETED -> throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.SCREENING_COMPLETED,
                    "This screening is already completed; answers cannot be changed.");
            case CANCELLED -> throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.SCREENING_CANCELLED,
                    "This screening was cancelled by the company.");
            default -> {
                if (isExpired(now)) {
                    throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.SCREENING_EXPIRED,
                            "This screening link expired at " + expiresAt + "; ask the company for a new invitation.");
                }
            }
        }
    }

    private void move(ScreeningStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("a screening cannot go from " + status + " to " + target);
        }
        status = target;
    }

    public ScreeningId id() {
        return id;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public CandidateId candidateId() {
        return candidateId;
    }

    public JobId jobId() {
        return jobId;
    }

    public String candidateEmail() {
        return candidateEmail;
    }

    public String jobTitle() {
        return jobTitle;
    }

    public List<Question> questions() {
        return questions;
    }

    public ScreeningStatus status() {
        return status;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String sourceRef() {
        return sourceRef;
    }

    public List<QuestionScore> scores() {
        return scores;
    }

    public Integer score() {
        return score;
    }

    public Instant invitedAt() {
        return invitedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public String cancelReason() {
        return cancelReason;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
