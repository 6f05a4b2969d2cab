package com.truffle.access.domain;

import java.time.Instant;

/** What happened to a company's entitlements; published on truffle.access.v1 keyed by company id. */
public sealed interface AccessEvent {

    CompanyId companyId();

    Instant occurredAt();

    record PlanChanged(CompanyId companyId, Plan from, Plan to, String changedBy, Instant occurredAt) implements AccessEvent {
    }

    record AccessRequested(CompanyId companyId, AccessRequestId requestId, String useCase, String requestedBy,
            Instant occurredAt) implements AccessEvent {
    }

    record AccessApproved(CompanyId companyId, AccessRequestId requestId, String reviewer, String reason,
            Instant occurredAt) implements AccessEvent {
    }

    record AccessRejected(CompanyId companyId, AccessRequestId requestId, String reviewer, String reason,
            Instant occurredAt) implements AccessEvent {
    }

    record AccessSuspended(CompanyId companyId, String reason, Instant occurredAt) implements AccessEvent {
    }

    record AccessReinstated(CompanyId companyId, Instant occurredAt) implements AccessEvent {
    }
}
