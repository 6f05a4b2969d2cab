package com.truffle.screening.application.port.in;

import java.util.Optional;

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
import io.smallrye.mutiny.Uni;

/** The read side of the hiring API, always within one company. */
public interface QueryHiringUseCase {

    Uni<Page<Job>> jobs(JobFilter filter);

    Uni<Optional<Job>> job(CompanyId companyId, JobId jobId);

    Uni<Page<Candidate>> candidates(CandidateFilter filter);

    Uni<Optional<Candidate>> candidate(CompanyId companyId, CandidateId candidateId);

    Uni<Page<Screening>> screenings(ScreeningFilter filter);

    Uni<Optional<Screening>> screening(CompanyId companyId, ScreeningId screeningId);
}
