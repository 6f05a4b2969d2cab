package com.truffle.ashby.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.ashby.application.port.out.AssessmentPort;
import com.truffle.ashby.domain.Assessment;
import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.AssessmentStatus;
import com.truffle.ashby.domain.Candidate;
import com.truffle.ashby.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.LockMode;

@ApplicationScoped
class AssessmentPersistenceAdapter implements AssessmentPort {

    // concurrent starts of the same assessment queue up here; the partial unique index is the safety net behind it
    private static final String LOCK = "select 1 from (select pg_advisory_xact_lock(hashtext(:key))) l";

    @Override
    public Uni<Stored> insertUnlessOpen(Assessment a) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK)
                .setParameter("key", "assessment:" + a.companyId().value() + ":" + a.idempotencyKey()).getSingleResult()
                .chain(() -> findOpen(a.companyId(), a.idempotencyKey()))
                .chain(existing -> {
                    if (existing.isPresent()) {
                        return Uni.createFrom().item(new Stored(existing.get(), false));
                    }
                    AssessmentEntity e = new AssessmentEntity();
                    copy(a, e);
                    return s.persist(e).chain(s::flush).replaceWith(new Stored(a, true));
                }));
    }

    @Override
    public Uni<Optional<Assessment>> findOpen(CompanyId companyId, String idempotencyKey) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from AssessmentEntity a where a.companyId = :company and a.idempotencyKey = :key and a.status not in ('CANCELLED', 'COMPLETED')",
                AssessmentEntity.class).setParameter("company", companyId.value()).setParameter("key", idempotencyKey)
                .getResultList()).map(AssessmentPersistenceAdapter::first);
    }

    @Override
    public Uni<Optional<Assessment>> lock(CompanyId companyId, AssessmentId id) {
        return Panache.getSession().chain(s -> s.find(AssessmentEntity.class, id.value(), LockMode.PESSIMISTIC_WRITE))
                .map(e -> e == null || !e.companyId.equals(companyId.value()) ? Optional.empty() : Optional.of(toDomain(e)));
    }

    @Override
    public Uni<Optional<Assessment>> lockByScreening(CompanyId companyId, String screeningId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from AssessmentEntity a where a.companyId = :company and a.screeningId = :screening order by a.createdAt desc",
                AssessmentEntity.class).setParameter("company", companyId.value()).setParameter("screening", screeningId)
                .setLockMode(LockMode.PESSIMISTIC_WRITE).getResultList()).map(AssessmentPersistenceAdapter::first);
    }

    @Override
    public Uni<Void> save(Assessment a) {
        return EntityWrites.upsert(AssessmentEntity.class, a.id().value(), AssessmentEntity::new, e -> copy(a, e));
    }

    private static Optional<Assessment> first(List<AssessmentEntity> rows) {
        return rows.stream().findFirst().map(AssessmentPersistenceAdapter::toDomain);
    }

    private static void copy(Assessment a, AssessmentEntity e) {
        e.id = a.id().value();
        e.companyId = a.companyId().value();
        e.assessmentTypeId = a.assessmentTypeId();
        e.applicationId = a.applicationId();
        e.idempotencyKey = a.idempotencyKey();
        e.candidateEmail = a.candidate().email();
        e.candidateFirstName = a.candidate().firstName();
        e.candidateLastName = a.candidate().lastName();
        e.candidateAshbyId = a.candidate().ashbyId();
        e.status = a.status().name();
        e.screeningId = a.screeningId();
        e.lastTimestamp = a.lastTimestamp();
        e.cancelReported = a.cancelReported();
        e.createdAt = a.createdAt();
        e.updatedAt = Instant.now();
    }

    private static Assessment toDomain(AssessmentEntity e) {
        return new Assessment(new AssessmentId(e.id), new CompanyId(e.companyId), e.assessmentTypeId, e.applicationId,
                new Candidate(e.candidateEmail, e.candidateFirstName, e.candidateLastName, e.candidateAshbyId),
                AssessmentStatus.valueOf(e.status), e.screeningId, e.lastTimestamp, e.cancelReported, e.createdAt, e.version);
    }
}
