package com.truffle.ashby.application.port.out;

import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.AssessmentUpdate;
import com.truffle.ashby.domain.DeliveryOutcome;
import com.truffle.ashby.domain.KeyCheck;
import io.smallrye.mutiny.Uni;

/** Ashby's API, called with the customer's key (HTTP Basic). */
public interface AshbyPort {

    /** apiKey.info; fails with AshbyRuleViolation(ASHBY_UNAVAILABLE) when Ashby cannot say. */
    Uni<KeyCheck> checkKey(AshbyApiKey key);

    /** assessment.update; every answer (and no answer) becomes an outcome, the Uni does not fail. */
    Uni<DeliveryOutcome> update(AshbyApiKey key, AssessmentUpdate update);
}
