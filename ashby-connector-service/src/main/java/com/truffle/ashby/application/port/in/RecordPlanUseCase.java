package com.truffle.ashby.application.port.in;

import java.time.Instant;

import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Plan;
import io.smallrye.mutiny.Uni;

/** The local read model of plans, fed by access-request-service's events (each carries the plan after it). */
public interface RecordPlanUseCase {

    Uni<Void> planIs(CompanyId companyId, Plan plan, Instant occurredAt);
}
