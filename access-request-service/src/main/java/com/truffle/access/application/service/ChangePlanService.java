package com.truffle.access.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.access.application.port.in.ChangePlanUseCase;
import com.truffle.access.application.port.out.LoadEntitlementPort;
import com.truffle.access.domain.CompanyEntitlement;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChangePlanService implements ChangePlanUseCase {

    @Inject
    LoadEntitlementPort load;
    @Inject
    EntitlementChanges changes;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<CompanyEntitlement> changePlan(ChangePlanCommand command) {
        return load.load(command.companyId()).chain(entitlement -> {
            var happened = entitlement.changePlan(command.plan(), command.actor(), clock.instant());
            if (happened.isEmpty()) {
                return Uni.createFrom().item(entitlement);
            }
            return changes.commit(entitlement, null, happened).replaceWith(entitlement);
        });
    }
}
