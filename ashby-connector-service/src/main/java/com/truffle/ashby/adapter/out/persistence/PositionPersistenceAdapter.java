package com.truffle.ashby.adapter.out.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.ashby.application.port.out.PositionPort;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Position;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class PositionPersistenceAdapter implements PositionPort {

    private static final String UPSERT = "insert into job_position "
            + "(company_id, job_id, title, description, status, question_count, occurred_at) "
            + "values (:company, :job, :title, :description, :status, :questions, :at) "
            + "on conflict (company_id, job_id) do update set title = excluded.title, description = excluded.description, "
            + "status = excluded.status, question_count = excluded.question_count, occurred_at = excluded.occurred_at "
            + "where job_position.occurred_at <= excluded.occurred_at";

    @Override
    public Uni<List<Position>> openPositions(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from PositionEntity p where p.companyId = :company and p.status = 'OPEN' order by p.occurredAt, p.jobId",
                PositionEntity.class).setParameter("company", companyId.value()).getResultList())
                .map(rows -> rows.stream().map(PositionEntity::toDomain).toList());
    }

    @Override
    public Uni<Optional<Position>> find(CompanyId companyId, String jobId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from PositionEntity p where p.companyId = :company and p.jobId = :job", PositionEntity.class)
                .setParameter("company", companyId.value()).setParameter("job", jobId).getResultList())
                .map(rows -> rows.stream().findFirst().map(PositionEntity::toDomain));
    }

    @Override
    public Uni<Void> record(Position p) {
        return Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                .setParameter("company", p.companyId().value())
                .setParameter("job", p.jobId())
                .setParameter("title", p.title())
                .setParameter("description", p.description() == null ? "" : p.description())
                .setParameter("status", p.status().name())
                .setParameter("questions", p.questionCount())
                .setParameter("at", OffsetDateTime.ofInstant(p.occurredAt(), ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }
}
