package com.truffle.access.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.access.application.port.in.RequestAccessUseCase;
import com.truffle.access.application.port.out.LoadEntitlementPort;
import com.truffle.access.domain.CompanyEntitlement.RequestOutcome;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RequestAccessService implements RequestAccessUseCase {

    @Inject
    LoadEntitlementPort load;
    @Inject
    EntitlementChanges changes;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<RequestOutcome> requestAccess(RequestAccessCommand command) {
        return load.load(command.companyId()).chain(entitlement -> {
            RequestOutcome outcome = entitlement.requestAccess(command.useCase(), command.requestedBy(), clock.instant());
            if (!outcome.created()) {
                return Uni.createFrom().item(outcome);
            }
            return changes.commit(entitlement, outcome.request(), outcome.events()).replaceWith(outcome);
        });
    }
}
