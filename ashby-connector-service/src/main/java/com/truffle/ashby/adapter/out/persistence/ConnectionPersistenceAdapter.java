package com.truffle.ashby.adapter.out.persistence;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.application.port.out.SaveConnectionPort;
import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.ConnectionStatus;
import com.truffle.ashby.domain.SealedAshbyKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class ConnectionPersistenceAdapter implements LoadConnectionPort, SaveConnectionPort {

    // a transaction-scoped advisory lock per company: works before the company's row exists (first connect)
    private static final String LOCK = "select 1 from (select pg_advisory_xact_lock(hashtext(:key))) l";

    @Override
    public Uni<AshbyConnection> load(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.find(AshbyConnectionEntity.class, companyId.value()))
                .map(e -> e == null ? AshbyConnection.notConnected(companyId) : toDomain(e));
    }

    @Override
    public Uni<AshbyConnection> lockAndLoad(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK).setParameter("key", "ashby-connection:" + companyId.value())
                .getSingleResult()
                .chain(() -> s.find(AshbyConnectionEntity.class, companyId.value())))
                .map(e -> e == null ? AshbyConnection.notConnected(companyId) : toDomain(e));
    }

    @Override
    public Uni<List<AshbyConnection>> withAshbyKey(String afterCompanyId, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from AshbyConnectionEntity c where c.ashbyKeySealed is not null "
                + "and c.companyId > :after order by c.companyId", AshbyConnectionEntity.class)
                .setParameter("after", afterCompanyId).setMaxResults(limit).getResultList())
                .map(rows -> rows.stream().map(ConnectionPersistenceAdapter::toDomain).toList());
    }

    @Override
    public Uni<Void> save(AshbyConnection c) {
        return EntityWrites.upsert(AshbyConnectionEntity.class, c.companyId().value(), AshbyConnectionEntity::new, e -> copy(c, e));
    }

    private static void copy(AshbyConnection c, AshbyConnectionEntity e) {
        e.companyId = c.companyId().value();
        e.status = c.status().name();
        e.message = c.message();
        e.ashbyKeySealed = c.ashbyKey() == null ? null : c.ashbyKey().bytes();
        e.partnerKeyId = c.partnerKeyId();
        e.deliveriesHeld = c.deliveriesHeld();
        e.deliveriesGaveUp = c.deliveriesGaveUp();
        e.lastActivityAt = c.lastActivityAt();
        e.connectedAt = c.connectedAt();
        e.updatedAt = Instant.now();
    }

    private static AshbyConnection toDomain(AshbyConnectionEntity e) {
        return new AshbyConnection(new CompanyId(e.companyId), ConnectionStatus.valueOf(e.status), e.message,
                e.ashbyKeySealed == null ? null : new SealedAshbyKey(e.ashbyKeySealed), e.partnerKeyId, e.deliveriesHeld,
                e.deliveriesGaveUp, e.lastActivityAt, e.connectedAt, e.version);
    }

}
