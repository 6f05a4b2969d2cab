package com.truffle.access.application.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.access.application.port.in.QueryAccessUseCase;
import com.truffle.access.application.port.out.AccessAuditPort;
import com.truffle.access.application.port.out.LoadAccessRequestPort;
import com.truffle.access.application.port.out.LoadEntitlementPort;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessRequestPage;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccessQueryService implements QueryAccessUseCase {

    @Inject
    LoadEntitlementPort entitlements;
    @Inject
    LoadAccessRequestPort requests;
    @Inject
    AccessAuditPort audit;

    @Override
    @WithSession
    public Uni<CompanyEntitlement> entitlement(CompanyId companyId) {
        return entitlements.load(companyId);
    }

    @Override
    @WithSession
    public Uni<AccessRequestPage> requests(Optional<AccessStatus> status, Optional<String> cursor, int limit) {
        return requests.page(status, cursor, limit);
    }

    @Override
    @WithSession
    public Uni<Optional<AccessRequest>> request(AccessRequestId id) {
        return requests.byId(id);
    }

    @Override
    @WithSession
    public Uni<List<AccessRequest>> requestsOf(CompanyId companyId) {
        return requests.ofCompany(companyId);
    }

    @Override
    @WithSession
    public Uni<List<AuditEntry>> history(CompanyId companyId) {
        return audit.trail(companyId);
    }
}
