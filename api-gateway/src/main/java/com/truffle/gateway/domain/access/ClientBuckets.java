package com.truffle.gateway.domain.access;

import java.util.concurrent.ConcurrentHashMap;

import com.truffle.gateway.domain.access.TokenBucket.RateLimit;

/**
 * One token bucket per client address, so one client's flood spends its own budget and nobody else's. Memory is
 * bounded: past {@code maxClients} addresses the map starts over (every client gets a full bucket again, which only
 * ever errs on the side of letting a request through; the global limits still hold).
 */
public final class ClientBuckets {

    private final RateLimit limit;
    private final int maxClients;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ClientBuckets(RateLimit limit, int maxClients) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be at least 1");
        }
        this.limit = limit;
        this.maxClients = maxClients;
    }

    /** Takes one token of {@code client}'s bucket: 0 when allowed, else the nanoseconds until one is available. */
    public long tryTake(String client, long nowNanos) {
        String key = client == null || client.isBlank() ? "unknown" : client;
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                buckets.clear();
            }
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(limit, nowNanos));
        }
        return bucket.tryTake(nowNanos);
    }

    public int clients() {
        return buckets.size();
    }
}
