package com.truffle.screening.application.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.QueryHiringUseCase;
import com.truffle.screening.application.port.out.LoadCandidatePort;
import com.truffle.screening.application.port.out.LoadJobPort;
import com.truffle.screening.application.port.out.LoadScreeningPort;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateFilter;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobFilter;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.Page;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningFilter;
import com.truffle.screening.domain.ScreeningId;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class HiringQueryService implements QueryHiringUseCase {

    @Inject
    LoadJobPort jobs;
    @Inject
    LoadCandidatePort candidates;
    @Inject
    LoadScreeningPort screenings;

    @Override
    @WithSession
    public Uni<Page<Job>> jobs(JobFilter filter) {
        return jobs.page(filter);
    }

    @Override
    @WithSession
    public Uni<Optional<Job>> job(CompanyId companyId, JobId jobId) {
        return jobs.load(companyId, jobId);
    }

    @Override
    @WithSession
    public Uni<Page<Candidate>> candidates(CandidateFilter filter) {
        return candidates.page(filter);
    }

    @Override
    @WithSession
    public Uni<Optional<Candidate>> candidate(CompanyId companyId, CandidateId candidateId) {
        return candidates.load(companyId, candidateId);
    }

    @Override
    @WithSession
    public Uni<Page<Screening>> screenings(ScreeningFilter filter) {
        return screenings.page(filter);
    }

    @Override
    @WithSession
    public Uni<Optional<Screening>> screening(CompanyId companyId, ScreeningId screeningId) {
        return screenings.load(companyId, screeningId);
    }
}
