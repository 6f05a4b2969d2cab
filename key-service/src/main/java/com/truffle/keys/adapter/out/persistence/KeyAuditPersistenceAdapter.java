package com.truffle.keys.adapter.out.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.keys.application.port.out.KeyAuditPort;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class KeyAuditPersistenceAdapter implements KeyAuditPort {

    @Override
    public Uni<Void> record(KeyAuditEntry entry) {
        KeyAuditEntity e = new KeyAuditEntity();
        e.keyId = entry.keyId().value();
        e.companyId = entry.companyId().value();
        e.action = entry.action();
        e.actor = entry.actor();
        e.requestId = entry.requestId();
        e.at = entry.at();
        return Panache.getSession().chain(s -> s.persist(e));
    }

    @Override
    public Uni<List<KeyAuditEntry>> trail(KeyId keyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from KeyAuditEntity a where a.keyId = :k order by a.id", KeyAuditEntity.class)
                .setParameter("k", keyId.value()).getResultList())
                .map(rows -> rows.stream().map(a -> new KeyAuditEntry(new KeyId(a.keyId), new CompanyId(a.companyId),
                        a.action, a.actor, a.requestId, a.at)).toList());
    }
}
