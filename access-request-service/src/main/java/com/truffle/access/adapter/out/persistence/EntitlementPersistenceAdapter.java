package com.truffle.access.adapter.out.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.access.application.port.out.LoadEntitlementPort;
import com.truffle.access.application.port.out.SaveEntitlementPort;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Plan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class EntitlementPersistenceAdapter implements LoadEntitlementPort, SaveEntitlementPort {

    @Override
    public Uni<CompanyEntitlement> load(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.find(CompanyEntitlementEntity.class, companyId.value())
                .chain(e -> {
                    if (e == null) {
                        return Uni.createFrom().item(CompanyEntitlement.newCompany(companyId));
                    }
                    Uni<AccessRequest> pending = e.pendingRequestId == null ? Uni.createFrom().nullItem()
                            : s.find(AccessRequestEntity.class, e.pendingRequestId).map(r -> r == null ? null : AccessMapper.toDomain(r));
                    return pending.map(p -> new CompanyEntitlement(companyId, Plan.valueOf(e.plan),
                            AccessStatus.valueOf(e.accessStatus), p, e.version));
                }));
    }

    @Override
    public Uni<Void> save(CompanyEntitlement entitlement, AccessRequest touched) {
        return Panache.getSession().chain(s -> {
            Uni<Void> request = touched == null ? Uni.createFrom().voidItem()
                    : s.find(AccessRequestEntity.class, touched.id().value()).chain(existing -> {
                        AccessRequestEntity e = existing != null ? existing : new AccessRequestEntity();
                        AccessMapper.copy(touched, e);
                        return existing != null ? Uni.createFrom().voidItem() : s.persist(e);
                    });
            return request.chain(() -> s.find(CompanyEntitlementEntity.class, entitlement.companyId().value()))
                    .chain(existing -> {
                        CompanyEntitlementEntity e = existing != null ? existing : new CompanyEntitlementEntity();
                        e.companyId = entitlement.companyId().value();
                        e.plan = entitlement.plan().name();
                        e.accessStatus = entitlement.access().name();
                        e.pendingRequestId = entitlement.pending().map(p -> p.id().value()).orElse(null);
                        e.updatedAt = Instant.now();
                        return existing != null ? Uni.createFrom().voidItem() : s.persist(e);
                    })
                    .chain(s::flush);
        });
    }
}
