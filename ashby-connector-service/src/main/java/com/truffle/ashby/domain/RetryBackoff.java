package com.truffle.ashby.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, capped so delivery resumes quickly once Ashby recovers: the n-th failure waits
 * between half and all of {@code min(max, initial * 2^(n-1))}; a Retry-After from Ashby is honoured up to the cap.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        Objects.requireNonNull(initial);
        Objects.requireNonNull(max);
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    /** The ceiling before jitter for the {@code failures}-th consecutive failure (1-based). */
    public Duration ceiling(int failures) {
        int n = Math.max(1, failures);
        long initialMs = initial.toMillis();
        long maxMs = max.toMillis();
        long ms = n > 62 || initialMs > (maxMs >> Math.min(n - 1, 62)) ? maxMs : Math.min(maxMs, initialMs << (n - 1));
        return Duration.ofMillis(ms);
    }

    public Duration delay(int failures, Duration retryAfter, DoubleSupplier random) {
        long ceiling = ceiling(failures).toMillis();
        long wait = ceiling / 2 + Math.round(random.getAsDouble() * (ceiling - ceiling / 2));
        if (retryAfter != null && !retryAfter.isNegative()) {
            wait = Math.max(wait, retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.min(wait, max.toMillis()));
    }
}
