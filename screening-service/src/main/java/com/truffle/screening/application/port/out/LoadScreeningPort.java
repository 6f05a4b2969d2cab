package com.truffle.screening.application.port.out;

import java.util.Optional;

import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.Page;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningFilter;
import com.truffle.screening.domain.ScreeningId;
import io.smallrye.mutiny.Uni;

public interface LoadScreeningPort {

    Uni<Optional<Screening>> load(CompanyId companyId, ScreeningId screeningId);

    /**
     * The screening unlocked by a screener link (any company: the token is the credential). With {@code lock},
     * the row is locked for the transaction: a concurrent writer waits and then sees the new state.
     */
    Uni<Optional<Screening>> byTokenHash(String tokenHash, boolean lock);

    /** Locked for the transaction (see {@link #byTokenHash}). */
    Uni<Optional<Screening>> byIdForUpdate(ScreeningId screeningId);

    Uni<Optional<Screening>> byCandidateAndJob(CompanyId companyId, CandidateId candidateId, JobId jobId);

    Uni<Optional<Screening>> bySourceRef(CompanyId companyId, String sourceRef);

    Uni<Page<Screening>> page(ScreeningFilter filter);
}
