package com.truffle.keys.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.ApplyAccessChangeUseCase;
import com.truffle.keys.application.port.out.AccessAuthorityPort;
import com.truffle.keys.application.port.out.CompanyAccessPort;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A company's access as key-service should act on it: the local read model, and when that says no, the owner
 * (access-request-service) asked on the admin's behalf — the same "authoritative check on a miss" the gateway makes
 * for keys — so nobody sees "approved" on one page and "not approved" on the next. An answer that differs is
 * applied like an access event (keys reconciled), outside any transaction held across the call.
 */
@ApplicationScoped
class Entitlements {

    static final String CONFIRMED = "confirmed with access-request-service";

    @Inject
    CompanyAccessPort access;
    @Inject
    AccessAuthorityPort authority;
    @Inject
    ApplyAccessChangeUseCase applyAccessChange;

    Uni<CompanyAccess> current(CompanyId companyId, Actor actor) {
        return Panache.withSession(() -> access.load(companyId)).chain(local -> {
            if (local.allows(KeyKind.LIVE) || actor == null || actor.credential() == null) {
                return Uni.createFrom().item(local);
            }
            return authority.current(companyId, actor.credential()).chain(owner -> {
                if (owner.isEmpty() || owner.get().sameAs(local)) {
                    return Uni.createFrom().item(local);
                }
                return applyAccessChange.apply(owner.get(), CONFIRMED).replaceWith(owner.get());
            });
        });
    }
}
