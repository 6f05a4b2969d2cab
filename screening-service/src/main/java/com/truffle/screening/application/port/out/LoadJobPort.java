package com.truffle.screening.application.port.out;

import java.util.Optional;

import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobFilter;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.Page;
import io.smallrye.mutiny.Uni;

public interface LoadJobPort {

    /** The company's job; another company's id is simply absent. */
    Uni<Optional<Job>> load(CompanyId companyId, JobId jobId);

    Uni<Page<Job>> page(JobFilter filter);
}
