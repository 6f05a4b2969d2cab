package com.truffle.screening.application.port.out;

import java.util.Optional;

import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateFilter;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Page;
import io.smallrye.mutiny.Uni;

public interface LoadCandidatePort {

    Uni<Optional<Candidate>> load(CompanyId companyId, CandidateId candidateId);

    Uni<Optional<Candidate>> byEmail(CompanyId companyId, String email);

    Uni<Page<Candidate>> page(CandidateFilter filter);
}
