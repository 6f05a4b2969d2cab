package com.truffle.ashby.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.ashby.application.port.out.PlanPort;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Plan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class PlanPersistenceAdapter implements PlanPort {

    private static final String UPSERT = "insert into company_plan (company_id, plan, occurred_at, updated_at) "
            + "values (:company, :plan, :at, now()) "
            + "on conflict (company_id) do update set plan = excluded.plan, occurred_at = excluded.occurred_at, updated_at = now() "
            + "where company_plan.occurred_at <= excluded.occurred_at";

    @Override
    public Uni<Plan> planOf(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select plan from company_plan where company_id = :company", String.class)
                .setParameter("company", companyId.value()).getResultList())
                .map((List<String> rows) -> rows.isEmpty() ? Plan.TRIAL : Plan.valueOf(rows.get(0)));
    }

    @Override
    public Uni<Void> record(CompanyId companyId, Plan plan, Instant occurredAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                .setParameter("company", companyId.value())
                .setParameter("plan", plan.name())
                .setParameter("at", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }
}
