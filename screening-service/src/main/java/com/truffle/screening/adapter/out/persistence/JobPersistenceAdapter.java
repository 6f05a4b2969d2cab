package com.truffle.screening.adapter.out.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.out.LoadJobPort;
import com.truffle.screening.application.port.out.SaveJobPort;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobFilter;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.JobStatus;
import com.truffle.screening.domain.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class JobPersistenceAdapter implements LoadJobPort, SaveJobPort {

    @Inject
    Json json;

    @Override
    public Uni<Optional<Job>> load(CompanyId companyId, JobId jobId) {
        return Panache.getSession().chain(s -> s.find(JobEntity.class, jobId.value()))
                .map(e -> Optional.ofNullable(e).filter(j -> j.companyId.equals(companyId.value())).map(this::toDomain));
    }

    @Override
    public Uni<Page<Job>> page(JobFilter filter) {
        return new Rows.PagedQuery<>(JobEntity.class, "j", "createdAt")
                .where("j.companyId = :company", "company", Optional.of(filter.companyId().value()))
                .where("j.status = :status", "status", filter.status().map(Enum::name))
                .page(filter.cursor(), filter.limit(), e -> new Keyset(e.createdAt, e.id), this::toDomain);
    }

    @Override
    public Uni<Void> save(Job job) {
        return Rows.upsert(JobEntity.class, job.id().value(), JobEntity::new, e -> {
            e.id = job.id().value();
            e.companyId = job.companyId().value();
            e.title = job.title();
            e.description = job.description();
            e.status = job.status().name();
            e.questions = json.questions(job.questions());
            e.createdAt = job.createdAt();
            e.updatedAt = job.updatedAt();
        });
    }

    private Job toDomain(JobEntity e) {
        return new Job(new JobId(e.id), new CompanyId(e.companyId), e.title, e.description, JobStatus.valueOf(e.status),
                json.questions(e.questions), e.createdAt, e.updatedAt, e.version);
    }
}
