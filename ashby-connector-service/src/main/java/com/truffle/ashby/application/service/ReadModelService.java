package com.truffle.ashby.application.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.RecordPlanUseCase;
import com.truffle.ashby.application.port.in.RecordPositionUseCase;
import com.truffle.ashby.application.port.out.PlanPort;
import com.truffle.ashby.application.port.out.PositionPort;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Plan;
import com.truffle.ashby.domain.Position;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** What the connector keeps of other services' state: plans (access) and positions (screening). */
@ApplicationScoped
public class ReadModelService implements RecordPlanUseCase, RecordPositionUseCase {

    @Inject
    PlanPort plans;
    @Inject
    PositionPort positions;

    @Override
    @WithTransaction
    public Uni<Void> planIs(CompanyId companyId, Plan plan, Instant occurredAt) {
        return plans.record(companyId, plan, occurredAt);
    }

    @Override
    @WithTransaction
    public Uni<Void> record(Position position) {
        return positions.record(position);
    }
}
