package com.truffle.screening.domain;

import java.time.Duration;
import java.util.Objects;

/** A call refused because its caller made too many of its kind lately; it may be made again after {@link #retryAfter}. */
public final class RateLimitExceeded extends ScreeningRuleViolation {

    private final Duration retryAfter;

    public RateLimitExceeded(String message, Duration retryAfter) {
        super(Rule.RATE_LIMITED, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds to wait, rounded up, at least one (what Retry-After says). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
