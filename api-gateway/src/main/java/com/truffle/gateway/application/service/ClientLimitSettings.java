package com.truffle.gateway.application.service;

import com.truffle.gateway.domain.access.TokenBucket.RateLimit;

/** Requests per client address: on public routes, and for signed-in people; how many addresses are tracked. */
public record ClientLimitSettings(RateLimit publicRoutes, RateLimit signedIn, int maxClients) {
}
