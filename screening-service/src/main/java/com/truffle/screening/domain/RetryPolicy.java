package com.truffle.screening.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff for deliveries that can fail (webhooks, invitation mails): attempt n waits
 * {@code initial * 2^(n-1)}, capped at {@code max}; after {@code maxAttempts} failures it gives up.
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts) {

    public RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The wait after the {@code failedAttempts}-th failure (1-based). */
    public Duration delayAfter(int failedAttempts) {
        int exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << exponent);
        return d.compareTo(max) > 0 ? max : d;
    }

    public boolean givesUpAfter(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
