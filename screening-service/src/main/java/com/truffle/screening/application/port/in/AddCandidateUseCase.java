package com.truffle.screening.application.port.in;

import java.util.Objects;

import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** Adds a candidate (CandidateAdded); an email the company already has is refused (EMAIL_TAKEN). */
public interface AddCandidateUseCase {

    Uni<Candidate> add(AddCandidateCommand command);

    record AddCandidateCommand(CompanyId companyId, String firstName, String lastName, String email, String phone) {
        public AddCandidateCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
            Objects.requireNonNull(email, "email");
        }
    }
}
