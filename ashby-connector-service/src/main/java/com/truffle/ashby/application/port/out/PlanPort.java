package com.truffle.ashby.application.port.out;

import java.time.Instant;

import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Plan;
import io.smallrye.mutiny.Uni;

/** The read model of company plans (from truffle.access.v1). */
public interface PlanPort {

    /** TRIAL for a company we have heard nothing about. */
    Uni<Plan> planOf(CompanyId companyId);

    /** Keeps the newest: an older event (a redelivery) never overwrites a newer plan. */
    Uni<Void> record(CompanyId companyId, Plan plan, Instant occurredAt);
}
