package com.truffle.screening.adapter.out.messaging;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.truffle.screening.domain.ScreeningEvent;

/**
 * The wire form of each event (snake_case JSON, docs/contracts.md). Schemas and samples live in
 * src/main/resources/events/; the tests validate every produced event against them.
 */
final class ScreeningEventPayload {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Position(String companyId, String jobId, String title, String description, String status, int questionCount,
            Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CandidatePayload(String companyId, String candidateId, String email, String firstName, String lastName,
            Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Invited(String companyId, String screeningId, String candidateId, String jobId, String candidateEmail, String sourceRef,
            Instant expiresAt, Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Started(String companyId, String screeningId, String candidateId, String jobId, String sourceRef, Instant startedAt,
            Instant occurredAt) {
    }

    @JsonPropertyOrder({"question_id", "prompt", "score"})
    record Score(String questionId, String prompt, int score) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Completed(String companyId, String screeningId, String candidateId, String jobId, String sourceRef, int score,
            List<Score> scores, Instant startedAt, Instant completedAt, long durationSeconds, Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Cancelled(String companyId, String screeningId, String candidateId, String jobId, String sourceRef, String reason,
            Instant occurredAt) {
    }

    static Object of(ScreeningEvent event) {
        String company = event.companyId().value();
        if (event instanceof ScreeningEvent.PositionPublished e) {
            return new Position(company, e.jobId().toString(), e.title(), e.description(), e.status().name(), e.questionCount(),
                    e.occurredAt());
        }
        if (event instanceof ScreeningEvent.PositionUpdated e) {
            return new Position(company, e.jobId().toString(), e.title(), e.description(), e.status().name(), e.questionCount(),
                    e.occurredAt());
        }
        if (event instanceof ScreeningEvent.CandidateAdded e) {
            return new CandidatePayload(company, e.candidateId().toString(), e.email(), e.firstName(), e.lastName(), e.occurredAt());
        }
        if (event instanceof ScreeningEvent.CandidateUpdated e) {
            return new CandidatePayload(company, e.candidateId().toString(), e.email(), e.firstName(), e.lastName(), e.occurredAt());
        }
        if (event instanceof ScreeningEvent.ScreeningInvited e) {
            return new Invited(company, e.screeningId().toString(), e.candidateId().toString(), e.jobId().toString(),
                    e.candidateEmail(), e.sourceRef(), e.expiresAt(), e.occurredAt());
        }
        if (event instanceof ScreeningEvent.ScreeningStarted e) {
            return new Started(company, e.screeningId().toString(), e.candidateId().toString(), e.jobId().toString(), e.sourceRef(),
                    e.startedAt(), e.occurredAt());
        }
        if (event instanceof ScreeningEvent.ScreeningCompleted e) {
            return new Completed(company, e.screeningId().toString(), e.candidateId().toString(), e.jobId().toString(),
                    e.sourceRef(), e.score(), e.scores().stream()
                            .map(s -> new Score(s.questionId().toString(), s.prompt(), s.score())).toList(),
                    e.startedAt(), e.completedAt(), e.durationSeconds(), e.occurredAt());
        }
        ScreeningEvent.ScreeningCancelled e = (ScreeningEvent.ScreeningCancelled) event;
        return new Cancelled(company, e.screeningId().toString(), e.candidateId().toString(), e.jobId().toString(), e.sourceRef(),
                e.reason(), e.occurredAt());
    }

    private ScreeningEventPayload() {
    }
}
