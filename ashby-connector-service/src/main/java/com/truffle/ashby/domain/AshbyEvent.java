package com.truffle.ashby.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What the connector announces on truffle.ashby.v1 (schemas: src/main/resources/events/). */
public sealed interface AshbyEvent {

    CompanyId companyId();

    Instant occurredAt();

    /** The aggregate whose events must stay in order: the assessment for commands, the company for connections. */
    String orderingKey();

    /** Ashby asked for a screening: screening-service creates or finds the candidate, invites and emails them. */
    record AssessmentRequested(UUID commandId, CompanyId companyId, AssessmentId assessmentId, String jobId,
            Candidate candidate, Instant occurredAt) implements AshbyEvent {
        public AssessmentRequested {
            Objects.requireNonNull(commandId);
            Objects.requireNonNull(assessmentId);
            Objects.requireNonNull(jobId);
            Objects.requireNonNull(candidate);
        }

        @Override
        public String orderingKey() {
            return assessmentId.toString();
        }
    }

    /** Ashby cancelled: screening-service cancels the screening whose source_ref is the assessment id. */
    record AssessmentCancelled(UUID commandId, CompanyId companyId, AssessmentId assessmentId, String reason,
            Instant occurredAt) implements AshbyEvent {
        @Override
        public String orderingKey() {
            return assessmentId.toString();
        }
    }

    record AshbyConnected(CompanyId companyId, String partnerKeyId, Instant occurredAt) implements AshbyEvent {
        @Override
        public String orderingKey() {
            return companyId.value();
        }
    }

    record AshbyDisconnected(CompanyId companyId, String partnerKeyId, Instant occurredAt) implements AshbyEvent {
        @Override
        public String orderingKey() {
            return companyId.value();
        }
    }
}
