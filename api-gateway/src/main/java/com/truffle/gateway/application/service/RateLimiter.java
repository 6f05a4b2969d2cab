package com.truffle.gateway.application.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.domain.access.TokenBucket;
import com.truffle.gateway.domain.key.KeyRecord;

/** One token bucket per key id (so a regenerated key keeps its budget), limits from configuration. */
@ApplicationScoped
public class RateLimiter {

    private final RateLimitSettings settings;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(RateLimitSettings settings) {
        this(settings, System::nanoTime);
    }

    RateLimiter(RateLimitSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** 0 when the request may go, else the seconds (at least 1) until it may be retried. */
    public long retryAfterSeconds(KeyRecord key) {
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.get(key.keyId());
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(key.keyId(), id -> new TokenBucket(settings.limitFor(key.companyId()), now));
        }
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
