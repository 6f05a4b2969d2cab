package com.truffle.keys.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.keys.application.port.out.LoadKeyPort;
import com.truffle.keys.application.port.out.SaveKeyPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.keys.domain.Permission;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class KeyPersistenceAdapter implements LoadKeyPort, SaveKeyPort {

    @Override
    public Uni<Optional<ApiKey>> byId(KeyId id) {
        return Panache.getSession().chain(s -> s.find(ApiKeyEntity.class, id.value()))
                .map(e -> Optional.ofNullable(e).map(KeyPersistenceAdapter::toDomain));
    }

    @Override
    public Uni<Optional<ApiKey>> byHash(String secretHash) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from ApiKeyEntity k where k.secretHash = :h and k.status <> 'REVOKED'", ApiKeyEntity.class)
                .setParameter("h", secretHash).getSingleResultOrNull())
                .map(e -> Optional.ofNullable(e).map(KeyPersistenceAdapter::toDomain));
    }

    @Override
    public Uni<List<ApiKey>> ofCompany(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from ApiKeyEntity k where k.companyId = :c and k.status <> 'REVOKED' order by k.createdAt desc, k.id",
                ApiKeyEntity.class).setParameter("c", companyId.value()).getResultList())
                .map(rows -> rows.stream().map(KeyPersistenceAdapter::toDomain).toList());
    }

    @Override
    public Uni<Long> countLiveKeys(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "select count(k) from ApiKeyEntity k where k.companyId = :c and k.kind = 'LIVE' and k.status <> 'REVOKED'",
                Long.class).setParameter("c", companyId.value()).getSingleResult());
    }

    @Override
    public Uni<Optional<ApiKey>> partnerKey(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from ApiKeyEntity k where k.companyId = :c and k.kind = 'ASHBY' and k.status <> 'REVOKED'", ApiKeyEntity.class)
                .setParameter("c", companyId.value()).getSingleResultOrNull())
                .map(e -> Optional.ofNullable(e).map(KeyPersistenceAdapter::toDomain));
    }

    @Override
    public Uni<Void> insert(ApiKey key) {
        ApiKeyEntity e = new ApiKeyEntity();
        copy(key, e);
        return Panache.getSession().chain(s -> s.persist(e).chain(s::flush));
    }

    @Override
    public Uni<Void> update(ApiKey key) {
        return Panache.getSession().chain(s -> s.find(ApiKeyEntity.class, key.id().value()).chain(e -> {
            copy(key, e);
            return s.flush();
        }));
    }

    @Override
    public Uni<Void> recordUse(KeyId keyId, Instant lastUsedAt) {
        return Panache.getSession().chain(s -> s.createMutationQuery(
                "update ApiKeyEntity k set k.lastUsedAt = :t where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :t)")
                .setParameter("t", lastUsedAt).setParameter("id", keyId.value()).executeUpdate())
                .replaceWithVoid();
    }

    static ApiKey toDomain(ApiKeyEntity e) {
        return new ApiKey(new KeyId(e.id), new CompanyId(e.companyId), KeyKind.valueOf(e.kind), Permission.valueOf(e.permission),
                e.name, e.description, e.secretHash, e.prefix, e.last4, KeyStatus.valueOf(e.status), e.createdBy, e.createdAt,
                e.updatedAt, e.regeneratedAt, e.revokedAt, e.lastUsedAt, e.version);
    }

    private static void copy(ApiKey k, ApiKeyEntity e) {
        e.id = k.id().value();
        e.companyId = k.companyId().value();
        e.kind = k.kind().name();
        e.permission = k.permission().name();
        e.name = k.name();
        e.description = k.description();
        e.secretHash = k.secretHash();
        e.prefix = k.prefix();
        e.last4 = k.last4();
        e.status = k.status().name();
        e.createdBy = k.createdBy();
        e.createdAt = k.createdAt();
        e.updatedAt = k.updatedAt();
        e.regeneratedAt = k.regeneratedAt();
        e.revokedAt = k.revokedAt();
        e.version = k.version();
        // last_used_at is owned by recordUse: a concurrent usage update must not be overwritten by an older copy
    }
}
