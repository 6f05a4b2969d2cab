package com.truffle.gateway.application.service;

import java.time.Duration;

import com.truffle.gateway.domain.access.TokenBucket.RateLimit;

/**
 * How a replica miss is handled: how long key-service's "unknown" (and "unavailable") is remembered per hash,
 * how many hashes are remembered, and how many lookups per second the gateway may send key-service at most.
 */
public record KeyLookupSettings(Duration negativeTtl, Duration unavailableTtl, int maxNegativeEntries, RateLimit lookupBudget) {
}
