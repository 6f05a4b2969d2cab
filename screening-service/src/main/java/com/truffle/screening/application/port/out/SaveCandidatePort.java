package com.truffle.screening.application.port.out;

import com.truffle.screening.domain.Candidate;
import io.smallrye.mutiny.Uni;

public interface SaveCandidatePort {

    /** Inserts or updates; an email another candidate of the company has fails with EMAIL_TAKEN. */
    Uni<Void> save(Candidate candidate);
}
