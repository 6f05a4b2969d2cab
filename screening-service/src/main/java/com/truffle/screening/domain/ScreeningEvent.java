package com.truffle.screening.domain;

import java.time.Instant;
import java.util.List;

/**
 * What happened in the hiring API; published on truffle.screening.v1 (through the outbox) and to the
 * company's webhooks. {@link #key()} is the aggregate whose events must stay ordered.
 */
public sealed interface ScreeningEvent {

    CompanyId companyId();

    Instant occurredAt();

    /** The record key: job id for positions, candidate id for candidates, screening id for screenings. */
    String key();

    /** The event name, which is also the CloudEvents type. */
    default String type() {
        return getClass().getSimpleName();
    }

    record PositionPublished(CompanyId companyId, JobId jobId, String title, String description, JobStatus status,
            int questionCount, Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return jobId.toString();
        }
    }

    record PositionUpdated(CompanyId companyId, JobId jobId, String title, String description, JobStatus status,
            int questionCount, Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return jobId.toString();
        }
    }

    record CandidateAdded(CompanyId companyId, CandidateId candidateId, String email, String firstName, String lastName,
            Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return candidateId.toString();
        }
    }

    record CandidateUpdated(CompanyId companyId, CandidateId candidateId, String email, String firstName, String lastName,
            Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return candidateId.toString();
        }
    }

    record ScreeningInvited(CompanyId companyId, ScreeningId screeningId, CandidateId candidateId, JobId jobId,
            String candidateEmail, String sourceRef, Instant expiresAt, Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return screeningId.toString();
        }
    }

    record ScreeningStarted(CompanyId companyId, ScreeningId screeningId, CandidateId candidateId, JobId jobId,
            String sourceRef, Instant startedAt, Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return screeningId.toString();
        }
    }

    record ScreeningCompleted(CompanyId companyId, ScreeningId screeningId, CandidateId candidateId, JobId jobId,
            String sourceRef, int score, List<QuestionScore> scores, Instant startedAt, Instant completedAt,
            long durationSeconds, Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return screeningId.toString();
        }
    }

    record ScreeningCancelled(CompanyId companyId, ScreeningId screeningId, CandidateId candidateId, JobId jobId,
            String sourceRef, String reason, Instant occurredAt) implements ScreeningEvent {
        public String key() {
            return screeningId.toString();
        }
    }

    /** The event types a webhook may subscribe to. */
    List<String> TYPES = List.of("PositionPublished", "PositionUpdated", "CandidateAdded", "CandidateUpdated",
            "ScreeningInvited", "ScreeningStarted", "ScreeningCompleted", "ScreeningCancelled");
}
