package com.truffle.gateway.application.service;

import java.time.Duration;

import com.truffle.gateway.domain.access.TokenBucket.RateLimit;

/**
 * How a replica miss is handled: how long key-service's "unknown" (and "unavailable") is remembered per hash,
 * how many hashes are remembered, how many lookups per second the gateway may send key-service at most
 * ({@code lookupBudget}) and how many of them one client address may cause ({@code perClientBudget}, so one client's
 * flood of made-up keys cannot lock everyone else's fresh keys out), and how long a key key-service confirmed is
 * trusted while the replica itself is not ({@code staleConfirmTtl}: the replica is stale or the topic changed).
 */
public record KeyLookupSettings(Duration negativeTtl, Duration unavailableTtl, int maxNegativeEntries, RateLimit lookupBudget,
        RateLimit perClientBudget, Duration staleConfirmTtl) {
}
