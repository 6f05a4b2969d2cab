package com.truffle.screening.adapter.out.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.truffle.screening.application.port.out.LoadScreeningPort;
import com.truffle.screening.application.port.out.SaveScreeningPort;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.Page;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningFilter;
import com.truffle.screening.domain.ScreeningId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.screening.domain.ScreeningStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

@ApplicationScoped
class ScreeningPersistenceAdapter implements LoadScreeningPort, SaveScreeningPort {

    @Inject
    Json json;

    @Override
    public Uni<Optional<Screening>> load(CompanyId companyId, ScreeningId screeningId) {
        return Panache.getSession().chain(s -> s.find(ScreeningEntity.class, screeningId.value()))
                .map(e -> Optional.ofNullable(e).filter(x -> x.companyId.equals(companyId.value())).map(this::toDomain));
    }

    @Override
    public Uni<Optional<Screening>> byTokenHash(String tokenHash, boolean lock) {
        return Panache.getSession().chain(s -> {
            Mutiny.SelectionQuery<ScreeningEntity> q = s.createSelectionQuery(
                    "from ScreeningEntity s where s.tokenHash = :hash", ScreeningEntity.class).setParameter("hash", tokenHash);
            if (lock) {
                q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
            }
            return q.getSingleResultOrNull();
        }).map(e -> Optional.ofNullable(e).map(this::toDomain));
    }

    @Override
    public Uni<Optional<Screening>> byIdForUpdate(ScreeningId screeningId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from ScreeningEntity s where s.id = :id", ScreeningEntity.class)
                .setParameter("id", screeningId.value()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResultOrNull())
                .map(e -> Optional.ofNullable(e).map(this::toDomain));
    }

    @Override
    public Uni<Optional<Screening>> byCandidateAndJob(CompanyId companyId, CandidateId candidateId, JobId jobId) {
        // the open one when there is one (at most one: a unique index), else the latest finished one
        return Panache.getSession().chain(s -> s.createSelectionQuery("from ScreeningEntity s where s.companyId = :company"
                + " and s.candidateId = :candidate and s.jobId = :job"
                + " order by case when s.status in ('INVITED', 'STARTED') then 0 else 1 end, s.invitedAt desc", ScreeningEntity.class)
                .setParameter("company", companyId.value()).setParameter("candidate", candidateId.value())
                .setParameter("job", jobId.value()).setMaxResults(1).setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResultOrNull())
                .map(e -> Optional.ofNullable(e).map(this::toDomain));
    }

    @Override
    public Uni<Optional<Screening>> bySourceRef(CompanyId companyId, String sourceRef) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from ScreeningEntity s where s.companyId = :company"
                + " and s.sourceRef = :ref order by s.invitedAt desc", ScreeningEntity.class)
                .setParameter("company", companyId.value()).setParameter("ref", sourceRef)
                .setMaxResults(1).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList())
                .map(rows -> rows.stream().findFirst().map(this::toDomain));
    }

    @Override
    public Uni<Page<Screening>> page(ScreeningFilter filter) {
        return new Rows.PagedQuery<>(ScreeningEntity.class, "s", "invitedAt")
                .where("s.companyId = :company", "company", Optional.of(filter.companyId().value()))
                .where("s.candidateId = :candidate", "candidate", filter.candidateId().map(c -> c.value()))
                .where("s.candidateEmail = :email", "email", filter.candidateEmail().map(Candidate::normaliseEmail))
                .where("s.jobId = :job", "job", filter.jobId().map(j -> j.value()))
                .where("s.status = :status", "status", filter.status().map(Enum::name))
                .page(filter.cursor(), filter.limit(), e -> new Keyset(e.invitedAt, e.id), this::toDomain);
    }

    @Override
    public Uni<Void> save(Screening screening) {
        return Rows.upsert(ScreeningEntity.class, screening.id().value(), ScreeningEntity::new, e -> {
            e.id = screening.id().value();
            e.companyId = screening.companyId().value();
            e.candidateId = screening.candidateId().value();
            e.jobId = screening.jobId().value();
            e.candidateEmail = screening.candidateEmail();
            e.jobTitle = screening.jobTitle();
            e.questions = json.questions(screening.questions());
            e.status = screening.status().name();
            e.tokenHash = screening.tokenHash();
            e.sourceRef = screening.sourceRef();
            e.scores = json.scores(screening.scores());
            e.score = screening.score();
            e.invitedAt = screening.invitedAt();
            e.expiresAt = screening.expiresAt();
            e.startedAt = screening.startedAt();
            e.completedAt = screening.completedAt();
            e.cancelledAt = screening.cancelledAt();
            e.cancelReason = screening.cancelReason();
            e.updatedAt = screening.updatedAt();
        }).onFailure().recoverWithUni(Constraints.<Void>map("screening_once_per_job",
                e -> new ScreeningRuleViolation(ScreeningRuleViolation.Rule.CONCURRENT_CHANGE,
                        "The candidate was just invited to this position by another request; try again.")));
    }

    private Screening toDomain(ScreeningEntity e) {
        return new Screening(new ScreeningId(e.id), new CompanyId(e.companyId), new CandidateId(e.candidateId), new JobId(e.jobId),
                e.candidateEmail, e.jobTitle, json.questions(e.questions), ScreeningStatus.valueOf(e.status), e.tokenHash,
                e.sourceRef, json.scores(e.scores), e.score, e.invitedAt, e.expiresAt, e.startedAt, e.completedAt,
                e.cancelledAt, e.cancelReason, e.updatedAt, e.version);
    }
}
