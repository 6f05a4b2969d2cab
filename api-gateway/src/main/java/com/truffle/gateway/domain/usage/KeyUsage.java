package com.truffle.gateway.domain.usage;

import java.time.Instant;

/** One key's use over a flush window: the payload of the {@code KeyUsed} event (docs/contracts.md). */
public record KeyUsage(String keyId, String companyId, long count, Instant firstAt, Instant lastAt) {

    /** The sum of two windows of the same key (when a publish failed and the counts go back). */
    public KeyUsage plus(KeyUsage other) {
        return new KeyUsage(keyId, companyId, count + other.count,
                firstAt.isBefore(other.firstAt) ? firstAt : other.firstAt,
                lastAt.isAfter(other.lastAt) ? lastAt : other.lastAt);
    }
}
