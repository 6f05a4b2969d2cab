package com.truffle.ashby.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued update this process holds the lease on: the only one in flight for its assessment. {@code failingSince}
 * is when its current run of failures began (null: it has not failed since it was queued or last retried by the admin).
 */
public record ClaimedDelivery(long id, CompanyId companyId, AssessmentId assessmentId, AssessmentUpdate update, int attempts,
        Instant failingSince) {

    public ClaimedDelivery {
        Objects.requireNonNull(companyId);
        Objects.requireNonNull(assessmentId);
        Objects.requireNonNull(update);
    }
}
