package com.truffle.keys.domain;

/**
 * key-service's read model of a company's entitlement, built from access-request-service's events (and, when it
 * says no, confirmed with access-request-service itself): integration keys need API access APPROVED; the Ashby
 * partner key needs a PAID plan. {@code asOf} is when that was true at the source (an event's time, or when the
 * owner was asked; null: unknown), so a late event never undoes a newer answer.
 */
public record CompanyAccess(CompanyId companyId, String plan, String accessStatus, java.time.Instant asOf) {

    public CompanyAccess(CompanyId companyId, String plan, String accessStatus) {
        this(companyId, plan, accessStatus, null);
    }

    public static CompanyAccess unknown(CompanyId companyId) {
        return new CompanyAccess(companyId, "TRIAL", "NONE");
    }

    /** Whether this is older news than {@code current} (and so must not replace it). */
    public boolean olderThan(CompanyAccess current) {
        return asOf != null && current.asOf() != null && asOf.isBefore(current.asOf());
    }

    /** The same entitlement (plan and access), whenever it was learnt. */
    public boolean sameAs(CompanyAccess other) {
        return plan.equals(other.plan()) && accessStatus.equals(other.accessStatus());
    }

    /** Whether a key of this kind may exist in working order for this company now. */
    public boolean allows(KeyKind kind) {
        return kind == KeyKind.ASHBY ? "PAID".equals(plan) : "APPROVED".equals(accessStatus);
    }

    public void requireAllows(KeyKind kind) {
        if (allows(kind)) {
            return;
        }
        if (kind == KeyKind.ASHBY) {
            throw new KeyRuleViolation(KeyRuleViolation.Rule.PLAN_NOT_PAID,
                    "The Ashby integration is available on paid plans.");
        }
        throw new KeyRuleViolation(KeyRuleViolation.Rule.ACCESS_NOT_APPROVED, "SUSPENDED".equals(accessStatus)
                ? "API access is suspended while the company is not on a paid plan."
                : "API access has not been approved for this company yet: request it in Settings → API access.");
    }
}
