package com.truffle.ashby.domain;

import java.time.Duration;

/** How Ashby answered one assessment.update, in the terms that decide what happens next. */
public sealed interface DeliveryOutcome {

    /** HTTP 2xx with {@code success:true}. */
    record Delivered() implements DeliveryOutcome {
    }

    /** 5xx, 429, a timeout or a network error: try again later (Ashby's Retry-After, if any, is a floor). */
    record Retryable(String reason, Duration retryAfter) implements DeliveryOutcome {
    }

    /** 401/403: the customer's key no longer works; retrying cannot help until the admin reconnects. */
    record CredentialsRejected(String reason) implements DeliveryOutcome {
    }

    /** {@code success:false} or another 4xx: Ashby refused this update itself; sending it again would not change that. */
    record Refused(String reason) implements DeliveryOutcome {
    }
}
