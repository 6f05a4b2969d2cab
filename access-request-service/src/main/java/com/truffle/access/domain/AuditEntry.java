package com.truffle.access.domain;

import java.time.Instant;

/** One line of a company's entitlement history: what happened, who did it, when, in words. */
public record AuditEntry(String companyId, String eventType, String actor, String detail, Instant occurredAt) {

    public static AuditEntry of(AccessEvent event) {
        String company = event.companyId().value();
        if (event instanceof AccessEvent.PlanChanged e) {
            return new AuditEntry(company, "PlanChanged", e.changedBy(), "Plan " + e.from() + " → " + e.to(), e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessRequested e) {
            return new AuditEntry(company, "AccessRequested", e.requestedBy(), "Request " + e.requestId(), e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessApproved e) {
            return new AuditEntry(company, "AccessApproved", e.reviewer(),
                    "Request " + e.requestId() + (e.reason() == null ? "" : ": " + e.reason()), e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessRejected e) {
            return new AuditEntry(company, "AccessRejected", e.reviewer(), "Request " + e.requestId() + ": " + e.reason(), e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessSuspended e) {
            return new AuditEntry(company, "AccessSuspended", null, e.reason(), e.occurredAt());
        }
        AccessEvent.AccessReinstated e = (AccessEvent.AccessReinstated) event;
        return new AuditEntry(company, "AccessReinstated", null, "Plan is paid again", e.occurredAt());
    }
}
