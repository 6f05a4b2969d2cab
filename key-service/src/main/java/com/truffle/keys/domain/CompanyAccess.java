package com.truffle.keys.domain;

/**
 * key-service's read model of a company's entitlement, built from access-request-service's events:
 * integration keys need API access APPROVED; the Ashby partner key needs a PAID plan.
 */
public record CompanyAccess(CompanyId companyId, String plan, String accessStatus) {

    public static CompanyAccess unknown(CompanyId companyId) {
        return new CompanyAccess(companyId, "TRIAL", "NONE");
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
