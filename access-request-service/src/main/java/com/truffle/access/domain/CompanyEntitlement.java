package com.truffle.access.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A company's plan and API access: the aggregate that enforces the access rules. Every command returns
 * the events it caused; the caller stores the new state and those events in one transaction.
 */
public final class CompanyEntitlement {

    private final CompanyId companyId;
    private Plan plan;
    private AccessStatus access;
    private AccessRequest pending;
    private final long version;

    public CompanyEntitlement(CompanyId companyId, Plan plan, AccessStatus access, AccessRequest pending, long version) {
        this.companyId = Objects.requireNonNull(companyId);
        this.plan = Objects.requireNonNull(plan);
        this.access = Objects.requireNonNull(access);
        this.pending = pending;
        this.version = version;
    }

    /** A company Truffle has not heard of yet: trial, no access. */
    public static CompanyEntitlement newCompany(CompanyId companyId) {
        return new CompanyEntitlement(companyId, Plan.TRIAL, AccessStatus.NONE, null, -1);
    }

    public List<AccessEvent> changePlan(Plan target, String actor, Instant now) {
        Objects.requireNonNull(target, "plan");
        List<AccessEvent> events = new ArrayList<>();
        if (target == plan) {
            return events;
        }
        Plan from = plan;
        plan = target;
        events.add(new AccessEvent.PlanChanged(companyId, from, target, actor, now));
        if (target != Plan.PAID && access == AccessStatus.APPROVED) {
            move(AccessStatus.SUSPENDED);
            events.add(new AccessEvent.AccessSuspended(companyId, "Plan changed from " + from + " to " + target, now));
        } else if (target == Plan.PAID && access == AccessStatus.SUSPENDED) {
            move(AccessStatus.APPROVED);
            events.add(new AccessEvent.AccessReinstated(companyId, now));
        }
        return events;
    }

    /**
     * A company admin asks for API access. A request already pending is returned as it is (a double click
     * does not make two requests); the result says whether a new one was opened.
     */
    public RequestOutcome requestAccess(String useCase, String requestedBy, Instant now) {
        if (access == AccessStatus.PENDING && pending != null) {
            return new RequestOutcome(pending, false, List.of());
        }
        if (plan != Plan.PAID) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.PAID_PLAN_REQUIRED,
                    "API access is available on paid plans. Upgrade your plan in Settings → Billing, then request access again.");
        }
        if (access == AccessStatus.APPROVED) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.ALREADY_APPROVED, "API access is already approved.");
        }
        if (access == AccessStatus.SUSPENDED) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.ACCESS_SUSPENDED,
                    "API access is suspended until the plan is paid again.");
        }
        move(AccessStatus.PENDING);
        pending = AccessRequest.open(companyId, useCase, requestedBy, now);
        return new RequestOutcome(pending, true,
                List.of(new AccessEvent.AccessRequested(companyId, pending.id(), useCase, requestedBy, now)));
    }

    public List<AccessEvent> approve(AccessRequestId requestId, String reviewer, String reason, Instant now) {
        AccessRequest request = pendingRequest(requestId);
        if (plan != Plan.PAID) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.PAID_PLAN_REQUIRED,
                    "The company is no longer on a paid plan; API access cannot be approved.");
        }
        request.decide(new Decision(AccessStatus.APPROVED, reviewer, now, blankToNull(reason)));
        move(AccessStatus.APPROVED);
        pending = null;
        return List.of(new AccessEvent.AccessApproved(companyId, requestId, reviewer, blankToNull(reason), now));
    }

    public List<AccessEvent> reject(AccessRequestId requestId, String reviewer, String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.REASON_REQUIRED, "A rejection needs a reason the company can read.");
        }
        AccessRequest request = pendingRequest(requestId);
        request.decide(new Decision(AccessStatus.REJECTED, reviewer, now, reason.strip()));
        move(AccessStatus.REJECTED);
        pending = null;
        return List.of(new AccessEvent.AccessRejected(companyId, requestId, reviewer, reason.strip(), now));
    }

    private AccessRequest pendingRequest(AccessRequestId requestId) {
        if (pending == null || !pending.id().equals(requestId)) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.NOT_PENDING, "This request is not pending.");
        }
        return pending;
    }

    private void move(AccessStatus target) {
        if (!access.canMoveTo(target)) {
            throw new AccessRuleViolation(AccessRuleViolation.Rule.ILLEGAL_TRANSITION,
                    "API access cannot go from " + access + " to " + target + ".");
        }
        access = target;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public CompanyId companyId() {
        return companyId;
    }

    public Plan plan() {
        return plan;
    }

    public AccessStatus access() {
        return access;
    }

    public Optional<AccessRequest> pending() {
        return Optional.ofNullable(pending);
    }

    /** The persisted version this state was loaded at (-1 for a new company): optimistic locking. */
    public long version() {
        return version;
    }

    public record RequestOutcome(AccessRequest request, boolean created, List<AccessEvent> events) {
    }
}
