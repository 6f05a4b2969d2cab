package com.truffle.keys.adapter.out.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.keys.application.port.out.CompanyAccessPort;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.LockMode;

@ApplicationScoped
class CompanyAccessPersistenceAdapter implements CompanyAccessPort {

    @Override
    public Uni<CompanyAccess> lock(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into company_access (company_id, plan, access_status, updated_at) values (:c, 'TRIAL', 'NONE', now()) "
                        + "on conflict (company_id) do nothing")
                .setParameter("c", companyId.value()).executeUpdate()
                .chain(() -> s.find(CompanyAccessEntity.class, companyId.value(), LockMode.PESSIMISTIC_WRITE)))
                .map(e -> new CompanyAccess(companyId, e.plan, e.accessStatus, e.asOf));
    }

    @Override
    public Uni<CompanyAccess> load(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.find(CompanyAccessEntity.class, companyId.value()))
                .map(e -> e == null ? CompanyAccess.unknown(companyId) : new CompanyAccess(companyId, e.plan, e.accessStatus, e.asOf));
    }

    @Override
    public Uni<Void> save(CompanyAccess access) {
        return Panache.getSession().chain(s -> s.find(CompanyAccessEntity.class, access.companyId().value()).chain(e -> {
            e.plan = access.plan();
            e.accessStatus = access.accessStatus();
            e.asOf = access.asOf();
            e.updatedAt = Instant.now();
            return s.flush();
        }));
    }
}
