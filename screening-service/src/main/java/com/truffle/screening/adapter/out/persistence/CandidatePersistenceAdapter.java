package com.truffle.screening.adapter.out.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.screening.application.port.out.LoadCandidatePort;
import com.truffle.screening.application.port.out.SaveCandidatePort;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateFilter;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Page;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class CandidatePersistenceAdapter implements LoadCandidatePort, SaveCandidatePort {

    @Override
    public Uni<Optional<Candidate>> load(CompanyId companyId, CandidateId candidateId) {
        return Panache.getSession().chain(s -> s.find(CandidateEntity.class, candidateId.value()))
                .map(e -> Optional.ofNullable(e).filter(c -> c.companyId.equals(companyId.value()))
                        .map(CandidatePersistenceAdapter::toDomain));
    }

    @Override
    public Uni<Optional<Candidate>> byEmail(CompanyId companyId, String email) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from CandidateEntity c where c.companyId = :company and c.email = :email", CandidateEntity.class)
                .setParameter("company", companyId.value()).setParameter("email", Candidate.normaliseEmail(email))
                .getSingleResultOrNull())
                .map(e -> Optional.ofNullable(e).map(CandidatePersistenceAdapter::toDomain));
    }

    @Override
    public Uni<Page<Candidate>> page(CandidateFilter filter) {
        String company = filter.companyId().value();
        return new Rows.PagedQuery<>(CandidateEntity.class, "c", "createdAt")
                .where("c.companyId = :company", "company", Optional.of(company))
                .where("c.updatedAt >= :since", "since", filter.updatedSince())
                .where("exists (select 1 from ScreeningEntity s where s.companyId = c.companyId and s.candidateId = c.id"
                        + " and s.jobId = :job)", "job", filter.jobId().map(j -> j.value()))
                .page(filter.cursor(), filter.limit(), e -> new Keyset(e.createdAt, e.id), CandidatePersistenceAdapter::toDomain);
    }

    @Override
    public Uni<Void> save(Candidate candidate) {
        return Rows.upsert(CandidateEntity.class, candidate.id().value(), CandidateEntity::new, e -> {
            e.id = candidate.id().value();
            e.companyId = candidate.companyId().value();
            e.firstName = candidate.firstName();
            e.lastName = candidate.lastName();
            e.email = candidate.email();
            e.phone = candidate.phone();
            e.externalId = candidate.externalId();
            e.createdAt = candidate.createdAt();
            e.updatedAt = candidate.updatedAt();
        }).onFailure().recoverWithUni(Constraints.<Void>map("candidate_email_per_company",
                e -> new ScreeningRuleViolation(ScreeningRuleViolation.Rule.EMAIL_TAKEN, "email",
                        "Another candidate of this company already has the email " + candidate.email() + ".")));
    }

    static Candidate toDomain(CandidateEntity e) {
        return new Candidate(new CandidateId(e.id), new CompanyId(e.companyId), e.firstName, e.lastName, e.email, e.phone,
                e.externalId, e.createdAt, e.updatedAt, e.version);
    }
}
