package com.truffle.screening.domain;

import java.util.Optional;

/** Which positions to list: one company, optionally by status, keyset-paged in (created_at, id) order. */
public record JobFilter(CompanyId companyId, Optional<JobStatus> status, Optional<String> cursor, int limit) {
}
