package com.truffle.ashby.adapter.out.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.ashby.domain.AshbyEvent;

/** The wire form of the connector's events (snake_case JSON; schemas in src/main/resources/events/). */
final class AshbyEventPayloads {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CandidatePayload(String email, String firstName, String lastName, String externalId) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AssessmentRequestedPayload(String commandId, String companyId, String assessmentId, String jobId,
            CandidatePayload candidate, Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AssessmentCancelledPayload(String commandId, String companyId, String assessmentId, String reason, Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ConnectionPayload(String companyId, String partnerKeyId, Instant occurredAt) {
    }

    static String typeOf(AshbyEvent event) {
        return event.getClass().getSimpleName();
    }

    static Object of(AshbyEvent event) {
        String company = event.companyId().value();
        if (event instanceof AshbyEvent.AssessmentRequested e) {
            return new AssessmentRequestedPayload(e.commandId().toString(), company, e.assessmentId().toString(), e.jobId(),
                    new CandidatePayload(e.candidate().email(), blankToNull(e.candidate().firstName()),
                            blankToNull(e.candidate().lastName()), blankToNull(e.candidate().ashbyId())), e.occurredAt());
        }
        if (event instanceof AshbyEvent.AssessmentCancelled e) {
            return new AssessmentCancelledPayload(e.commandId().toString(), company, e.assessmentId().toString(), e.reason(),
                    e.occurredAt());
        }
        if (event instanceof AshbyEvent.AshbyConnected e) {
            return new ConnectionPayload(company, e.partnerKeyId(), e.occurredAt());
        }
        AshbyEvent.AshbyDisconnected e = (AshbyEvent.AshbyDisconnected) event;
        return new ConnectionPayload(company, e.partnerKeyId(), e.occurredAt());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private AshbyEventPayloads() {
    }
}
