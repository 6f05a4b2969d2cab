package com.truffle.access.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One request for API access by a company admin, and the staff decision on it once made. */
public final class AccessRequest {

    private final AccessRequestId id;
    private final CompanyId companyId;
    private final String useCase;
    private final String requestedBy;
    private final Instant requestedAt;
    private AccessStatus status;
    private Decision decision;

    public AccessRequest(AccessRequestId id, CompanyId companyId, String useCase, String requestedBy, Instant requestedAt,
            AccessStatus status, Decision decision) {
        this.id = Objects.requireNonNull(id);
        this.companyId = Objects.requireNonNull(companyId);
        this.useCase = useCase;
        this.requestedBy = requestedBy;
        this.requestedAt = Objects.requireNonNull(requestedAt);
        this.status = Objects.requireNonNull(status);
        this.decision = decision;
    }

    static AccessRequest open(CompanyId companyId, String useCase, String requestedBy, Instant now) {
        return new AccessRequest(AccessRequestId.random(), companyId, useCase, requestedBy, now, AccessStatus.PENDING, null);
    }

    void decide(Decision decision) {
        if (status != AccessStatus.PENDING) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.NOT_PENDING,
                    "This request was already decided (" + status + ").");
        }
        this.status = decision.outcome();
        this.decision = decision;
    }

    public AccessRequestId id() {
        return id;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public String useCase() {
        return useCase;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public AccessStatus status() {
        return status;
    }

    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }
}
