package com.truffle.gateway.domain.access;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. Time is passed in (nanoseconds
 * from any monotonic clock), so the rule is testable without waiting.
 */
public final class TokenBucket {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long last;

    public TokenBucket(RateLimit limit, long nowNanos) {
        this.capacity = limit.burst();
        this.tokensPerNano = limit.perSecond() / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes one token: 0 when allowed, else how many nanoseconds until one is available. */
    public synchronized long tryTake(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * tokensPerNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** How a bucket refills: sustained requests per second and the burst allowed on top. */
    public record RateLimit(double perSecond, int burst) {
        public RateLimit {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1");
            }
        }
    }
}
