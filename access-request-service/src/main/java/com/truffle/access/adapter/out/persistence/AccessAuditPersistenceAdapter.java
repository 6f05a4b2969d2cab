package com.truffle.access.adapter.out.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.access.application.port.out.AccessAuditPort;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class AccessAuditPersistenceAdapter implements AccessAuditPort {

    @Override
    public Uni<Void> record(List<AccessEvent> events) {
        return Panache.getSession().chain(s -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AccessEvent event : events) {
                AuditEntry entry = AuditEntry.of(event);
                AccessAuditEntity e = new AccessAuditEntity();
                e.companyId = entry.companyId();
                e.eventType = entry.eventType();
                e.actor = entry.actor();
                e.detail = entry.detail();
                e.occurredAt = entry.occurredAt();
                chain = chain.chain(() -> s.persist(e));
            }
            return chain;
        });
    }

    @Override
    public Uni<List<AuditEntry>> trail(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from AccessAuditEntity a where a.companyId = :c order by a.id", AccessAuditEntity.class)
                .setParameter("c", companyId.value()).getResultList())
                .map(rows -> rows.stream().map(a -> new AuditEntry(a.companyId, a.eventType, a.actor, a.detail, a.occurredAt)).toList());
    }
}
