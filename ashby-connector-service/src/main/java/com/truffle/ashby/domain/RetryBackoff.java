package com.truffle.ashby.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again, and when it stops being tried.
 *
 * <p>Exponential backoff with jitter, capped at {@code max} so delivery resumes quickly once Ashby recovers: the n-th
 * failure waits between half and all of {@code min(max, initial * 2^(n-1))}. Ashby's {@code Retry-After} is a floor
 * honoured up to {@code retryAfterCap} (an hour by default: Ashby asking for a pause is obeyed, a nonsense value is
 * not). A delivery that has kept failing for {@code giveUpAfter} stops: the admin is asked to act.
 */
public record RetryBackoff(Duration initial, Duration max, Duration retryAfterCap, Duration giveUpAfter) {

    public RetryBackoff {
        Objects.requireNonNull(initial);
        Objects.requireNonNull(max);
        Objects.requireNonNull(retryAfterCap);
        Objects.requireNonNull(giveUpAfter);
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        if (retryAfterCap.isNegative() || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("backoff needs retry-after-cap >= 0 and give-up-after > 0");
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
        long wait = Math.min(ceiling / 2 + Math.round(random.getAsDouble() * (ceiling - ceiling / 2)), max.toMillis());
        if (retryAfter != null && !retryAfter.isNegative()) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), retryAfterCap.toMillis()));
        }
        return Duration.ofMillis(wait);
    }

    /** Whether a delivery failing since {@code failingSince} (null: this is its first failure) should stop now. */
    public boolean givesUp(Instant failingSince, Instant now) {
        return failingSince != null && Duration.between(failingSince, now).compareTo(giveUpAfter) >= 0;
    }
}
