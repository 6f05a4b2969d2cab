package com.truffle.keys.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.ApplyAccessChangeUseCase;
import com.truffle.keys.application.port.out.CompanyAccessPort;
import com.truffle.keys.application.port.out.LoadKeyPort;
import com.truffle.keys.application.port.out.SaveKeyPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyStatus;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApplyAccessChangeService implements ApplyAccessChangeUseCase {

    static final String SYSTEM = "system:access-events";

    @Inject
    CompanyAccessPort access;
    @Inject
    LoadKeyPort keys;
    @Inject
    SaveKeyPort save;
    @Inject
    KeyChanges changes;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<Void> apply(CompanyAccess entitlement, String cause) {
        Actor actor = new Actor(SYSTEM, cause);
        return access.lock(entitlement.companyId()).chain(current -> {
            if (entitlement.olderThan(current)) {
                return Uni.createFrom().voidItem(); // news older than what the owner already told us
            }
            return access.save(entitlement).chain(() -> reconcileKeys(entitlement, actor));
        });
    }

    private Uni<Void> reconcileKeys(CompanyAccess entitlement, Actor actor) {
        return keys.ofCompany(entitlement.companyId())
                .chain(companyKeys -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ApiKey key : companyKeys) {
                        if (key.reconcile(entitlement, clock.instant())) {
                            KeyEvent.Type type = key.status() == KeyStatus.SUSPENDED ? KeyEvent.Type.KeySuspended : KeyEvent.Type.KeyReinstated;
                            chain = chain.chain(() -> save.update(key)).chain(() -> changes.record(type, key, actor));
                        }
                    }
                    return chain;
                });
    }
}
