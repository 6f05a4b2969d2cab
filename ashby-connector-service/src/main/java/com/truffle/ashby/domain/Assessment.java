package com.truffle.ashby.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An assessment Ashby started with us, and the screening behind it. It turns screening progress into the
 * updates Ashby must receive, each once, in order, with strictly increasing timestamps.
 */
public final class Assessment {

    public static final String CANCELLED_BY_ASHBY = "Cancelled in Ashby";

    private final AssessmentId id;
    private final CompanyId companyId;
    private final String assessmentTypeId;
    private final String applicationId;
    private final Candidate candidate;
    private AssessmentStatus status;
    private String screeningId;
    private long lastTimestamp;
    private boolean cancelReported;
    private final Instant createdAt;
    private final long version;

    public Assessment(AssessmentId id, CompanyId companyId, String assessmentTypeId, String applicationId, Candidate candidate,
            AssessmentStatus status, String screeningId, long lastTimestamp, boolean cancelReported, Instant createdAt, long version) {
        this.id = Objects.requireNonNull(id);
        this.companyId = Objects.requireNonNull(companyId);
        this.assessmentTypeId = Objects.requireNonNull(assessmentTypeId);
        this.applicationId = applicationId;
        this.candidate = Objects.requireNonNull(candidate);
        this.status = Objects.requireNonNull(status);
        this.screeningId = screeningId;
        this.lastTimestamp = lastTimestamp;
        this.cancelReported = cancelReported;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.version = version;
    }

    /** A new assessment for a start call, and the command that asks screening-service to invite the candidate. */
    public static Started request(CompanyId companyId, String assessmentTypeId, String applicationId, Candidate candidate,
            Instant now) {
        Assessment a = new Assessment(AssessmentId.random(), companyId, assessmentTypeId, blankToNull(applicationId), candidate,
                AssessmentStatus.REQUESTED, null, 0, false, now, -1);
        return new Started(a, new AshbyEvent.AssessmentRequested(UUID.randomUUID(), companyId, a.id, assessmentTypeId, candidate, now));
    }

    public record Started(Assessment assessment, AshbyEvent.AssessmentRequested event) {
    }

    /**
     * What makes two start calls the same assessment: Ashby's application and the assessment type; without an
     * application id (real payloads vary), the candidate's email and the type.
     */
    public static String idempotencyKey(String assessmentTypeId, String applicationId, Candidate candidate) {
        String app = blankToNull(applicationId);
        return app != null ? "application:" + app + "|type:" + assessmentTypeId
                : "email:" + candidate.normalisedEmail() + "|type:" + assessmentTypeId;
    }

    public String idempotencyKey() {
        return idempotencyKey(assessmentTypeId, applicationId, candidate);
    }

    /**
     * Ashby cancelled: the command for screening-service, or nothing when there is nothing left to cancel (a repeat).
     * Nothing goes back to Ashby for it: Ashby initiated the cancel, and an update it refuses would only flip the
     * card to an error.
     */
    public Optional<AshbyEvent.AssessmentCancelled> cancelByAshby(Instant now) {
        if (status == AssessmentStatus.CANCELLED || status == AssessmentStatus.COMPLETED) {
            return Optional.empty();
        }
        status = AssessmentStatus.CANCELLED;
        cancelReported = true;
        return Optional.of(new AshbyEvent.AssessmentCancelled(UUID.randomUUID(), companyId, id, CANCELLED_BY_ASHBY, now));
    }

    public void invited(String screeningId) {
        linkScreening(screeningId);
        if (status == AssessmentStatus.REQUESTED) {
            status = AssessmentStatus.INVITED;
        }
    }

    public Optional<AssessmentUpdate> started(String screeningId, Instant at, ProfileLinks links) {
        linkScreening(screeningId);
        if (status != AssessmentStatus.REQUESTED && status != AssessmentStatus.INVITED) {
            return Optional.empty();
        }
        status = AssessmentStatus.STARTED;
        return Optional.of(AssessmentUpdate.started(id, nextTimestamp(at), links.forScreening(this.screeningId)));
    }

    public Optional<AssessmentUpdate> completed(String screeningId, ScreeningResult result, ProfileLinks links) {
        linkScreening(screeningId);
        if (status == AssessmentStatus.COMPLETED || status == AssessmentStatus.CANCELLED) {
            return Optional.empty();
        }
        status = AssessmentStatus.COMPLETED;
        return Optional.of(AssessmentUpdate.completed(id, nextTimestamp(result.completedAt()),
                links.forScreening(this.screeningId), result));
    }

    /**
     * Truffle cancelled the screening (it expired, the company disconnected): reported to Ashby once. Not when Ashby
     * cancelled it itself ({@link #cancelByAshby}); a completed assessment stays completed.
     */
    public Optional<AssessmentUpdate> screeningCancelled(String screeningId, String reason, Instant at) {
        linkScreening(screeningId);
        if (cancelReported || status == AssessmentStatus.COMPLETED) {
            return Optional.empty();
        }
        status = AssessmentStatus.CANCELLED;
        cancelReported = true;
        return Optional.of(AssessmentUpdate.cancelled(id, nextTimestamp(at), reason));
    }

    /** Strictly increasing per assessment, whatever the clocks of the events say. */
    long nextTimestamp(Instant at) {
        long t = Math.max(at == null ? 0 : at.toEpochMilli(), lastTimestamp + 1);
        lastTimestamp = t;
        return t;
    }

    private void linkScreening(String screeningId) {
        if (screeningId != null && !screeningId.isBlank() && this.screeningId == null) {
            this.screeningId = screeningId;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public AssessmentId id() {
        return id;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public String assessmentTypeId() {
        return assessmentTypeId;
    }

    public String applicationId() {
        return applicationId;
    }

    public Candidate candidate() {
        return candidate;
    }

    public AssessmentStatus status() {
        return status;
    }

    public String screeningId() {
        return screeningId;
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    public boolean cancelReported() {
        return cancelReported;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
