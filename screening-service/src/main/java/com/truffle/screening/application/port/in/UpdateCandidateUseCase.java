package com.truffle.screening.application.port.in;

import java.util.Objects;

import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** Changes a candidate (null fields stay; a blank phone removes it) (CandidateUpdated). */
public interface UpdateCandidateUseCase {

    Uni<Candidate> update(UpdateCandidateCommand command);

    record UpdateCandidateCommand(CompanyId companyId, CandidateId candidateId, String firstName, String lastName,
            String email, String phone) {
        public UpdateCandidateCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(candidateId, "candidateId");
        }
    }
}
