package com.truffle.gateway.application.service;

import java.util.Map;

import com.truffle.gateway.domain.access.TokenBucket.RateLimit;

/** Per-key limits: the default, and per company where a plan or an agreement says otherwise. */
public record RateLimitSettings(RateLimit defaultLimit, Map<String, RateLimit> perCompany) {

    public RateLimitSettings {
        perCompany = Map.copyOf(perCompany);
    }

    public RateLimit limitFor(String companyId) {
        return perCompany.getOrDefault(companyId, defaultLimit);
    }
}
