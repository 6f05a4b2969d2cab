package com.truffle.screening.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Which candidates to list: always one company, optionally those updated at or after {@code updatedSince} and
 * those invited to {@code jobId}; keyset-paged in (created_at, id) order after {@code cursor}.
 */
public record CandidateFilter(CompanyId companyId, Optional<Instant> updatedSince, Optional<JobId> jobId,
        Optional<String> cursor, int limit) {
}
