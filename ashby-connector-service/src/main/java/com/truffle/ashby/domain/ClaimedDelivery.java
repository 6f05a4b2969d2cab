package com.truffle.ashby.domain;

import java.util.Objects;

/** A queued update this process holds the lease on: the only one in flight for its assessment. */
public record ClaimedDelivery(long id, CompanyId companyId, AssessmentId assessmentId, AssessmentUpdate update, int attempts) {

    public ClaimedDelivery {
        Objects.requireNonNull(companyId);
        Objects.requireNonNull(assessmentId);
        Objects.requireNonNull(update);
    }
}
