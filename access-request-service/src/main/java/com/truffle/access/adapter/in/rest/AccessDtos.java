package com.truffle.access.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.Plan;

/** Request and response bodies (snake_case on the wire). */
final class AccessDtos {

    record AccessRequestBody(@Size(max = 2000) String useCase) {
    }

    record DecisionBody(@Size(max = 2000) String reason) {
    }

    record PlanBody(@NotNull Plan plan) {
    }

    record CreatedRequest(String id, String status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccessView(String status, String plan, RequestView latestRequest) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RequestView(String id, String companyId, String status, String useCase, String requestedBy, Instant requestedAt,
            String reviewer, Instant decidedAt, String reason) {

        static RequestView of(AccessRequest r) {
            return new RequestView(r.id().toString(), r.companyId().value(), r.status().name(), r.useCase(), r.requestedBy(),
                    r.requestedAt(), r.decision().map(d -> d.reviewer()).orElse(null),
                    r.decision().map(d -> d.decidedAt()).orElse(null), r.decision().map(d -> d.reason()).orElse(null));
        }
    }

    record RequestList(List<RequestView> data, String nextCursor) {
    }

    record DecisionView(String id, String status, String reviewer, Instant decidedAt, String reason) {
    }

    record PlanView(String companyId, String plan, String accessStatus) {
    }

    record CompanyView(String companyId, String plan, String accessStatus, List<RequestView> requests, List<AuditEntry> history) {
    }

    private AccessDtos() {
    }
}
