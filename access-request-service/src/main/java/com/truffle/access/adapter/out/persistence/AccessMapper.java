package com.truffle.access.adapter.out.persistence;

import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Decision;

final class AccessMapper {

    static AccessRequest toDomain(AccessRequestEntity e) {
        AccessStatus status = AccessStatus.valueOf(e.status);
        Decision decision = e.reviewer == null ? null : new Decision(status, e.reviewer, e.decidedAt, e.reason);
        return new AccessRequest(new AccessRequestId(e.id), new CompanyId(e.companyId), e.useCase, e.requestedBy,
                e.requestedAt, status, decision);
    }

    static void copy(AccessRequest r, AccessRequestEntity e) {
        e.id = r.id().value();
        e.companyId = r.companyId().value();
        e.useCase = r.useCase();
        e.requestedBy = r.requestedBy();
        e.requestedAt = r.requestedAt();
        e.status = r.status().name();
        r.decision().ifPresent(d -> {
            e.reviewer = d.reviewer();
            e.decidedAt = d.decidedAt();
            e.reason = d.reason();
        });
    }

    private AccessMapper() {
    }
}
