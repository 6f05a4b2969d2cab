package com.truffle.keys.application.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.QueryKeysUseCase;
import com.truffle.keys.application.port.out.KeyAuditPort;
import com.truffle.keys.application.port.out.LoadKeyPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class QueryKeysService implements QueryKeysUseCase {

    @Inject
    LoadKeyPort keys;
    @Inject
    KeyAuditPort audit;
    @Inject
    Entitlements entitlements;

    @Override
    @WithSession
    public Uni<List<ApiKey>> list(CompanyId companyId) {
        return keys.ofCompany(companyId).map(all -> all.stream().filter(k -> k.kind() == KeyKind.LIVE).toList());
    }

    @Override
    public Uni<CompanyAccess> access(CompanyId companyId, Actor actor) {
        return entitlements.current(companyId, actor);
    }

    @Override
    @WithSession
    public Uni<ApiKey> get(CompanyId companyId, KeyId keyId) {
        return keys.byId(keyId).map(found -> found
                .filter(k -> k.companyId().equals(companyId) && k.kind() == KeyKind.LIVE && k.status() != KeyStatus.REVOKED)
                .orElseThrow(() -> new KeyRuleViolation(KeyRuleViolation.Rule.NOT_FOUND, "No API key " + keyId + ".")));
    }

    /** The trail stays readable after a revoke: that is when it matters most. */
    @Override
    @WithSession
    public Uni<List<KeyAuditEntry>> audit(CompanyId companyId, KeyId keyId) {
        return keys.byId(keyId).chain(found -> {
            if (found.isEmpty() || !found.get().companyId().equals(companyId) || found.get().kind() != KeyKind.LIVE) {
                throw new KeyRuleViolation(KeyRuleViolation.Rule.NOT_FOUND, "No API key " + keyId + ".");
            }
            return audit.trail(keyId);
        });
    }

    @Override
    @WithSession
    public Uni<Optional<ApiKey>> byHash(String secretHash) {
        return keys.byHash(secretHash);
    }
}
