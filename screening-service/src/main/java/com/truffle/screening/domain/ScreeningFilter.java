package com.truffle.screening.domain;

import java.util.Optional;

/** Which screenings to list: one company, optional filters, keyset-paged in (invited_at, id) order. */
public record ScreeningFilter(CompanyId companyId, Optional<CandidateId> candidateId, Optional<String> candidateEmail,
        Optional<JobId> jobId, Optional<ScreeningStatus> status, Optional<String> cursor, int limit) {
}
