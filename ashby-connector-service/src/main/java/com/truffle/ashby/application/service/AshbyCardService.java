package com.truffle.ashby.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.ViewAshbyCardUseCase;
import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.application.port.out.PlanPort;
import com.truffle.ashby.domain.AshbyCard;
import com.truffle.ashby.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AshbyCardService implements ViewAshbyCardUseCase {

    @Inject
    PlanPort plans;
    @Inject
    LoadConnectionPort connections;

    @Override
    @WithSession
    public Uni<AshbyCard> card(CompanyId companyId) {
        return plans.planOf(companyId).chain(plan -> connections.load(companyId).map(c -> AshbyCard.of(plan, c)));
    }
}
