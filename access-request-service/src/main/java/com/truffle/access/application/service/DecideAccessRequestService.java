package com.truffle.access.application.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.access.application.port.in.DecideAccessRequestUseCase;
import com.truffle.access.application.port.out.LoadAccessRequestPort;
import com.truffle.access.application.port.out.LoadEntitlementPort;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRuleViolation;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DecideAccessRequestService implements DecideAccessRequestUseCase {

    @Inject
    LoadAccessRequestPort requests;
    @Inject
    LoadEntitlementPort load;
    @Inject
    EntitlementChanges changes;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<AccessRequest> decide(DecideCommand command) {
        return requests.byId(command.requestId())
                .map(found -> found.orElseThrow(() -> new AccessRuleViolation(AccessRuleViolation.Rule.NOT_FOUND,
                        "No access request " + command.requestId() + ".")))
                .chain(request -> load.load(request.companyId()).chain(entitlement -> {
                    if (request.status() != com.truffle.access.domain.AccessStatus.PENDING) {
                        throw new AccessRuleViolation(AccessRuleViolation.Rule.NOT_PENDING,
                                "This request was already decided (" + request.status() + ").");
                    }
                    // the aggregate holds the pending request; decide on that instance so both are saved consistently
                    AccessRequest pending = entitlement.pending().orElse(request);
                    List<AccessEvent> happened = command.verdict() == Verdict.APPROVE
                            ? entitlement.approve(command.requestId(), command.reviewer(), command.reason(), clock.instant())
                            : entitlement.reject(command.requestId(), command.reviewer(), command.reason(), clock.instant());
                    return changes.commit(entitlement, pending, happened).replaceWith(pending);
                }));
    }
}
