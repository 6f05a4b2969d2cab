package com.truffle.gateway.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.SignInternalTokenPort;
import com.truffle.gateway.domain.access.Identity;

/**
 * One internal JWT per identity (key, session user, the gateway itself), re-signed shortly before it expires:
 * an RSA signature costs about a millisecond, a cache hit a map lookup.
 */
@ApplicationScoped
public class InternalTokenCache {

    private record Signed(String token, long expiresAtMillis) {
    }

    private final SignInternalTokenPort signer;
    private final InternalTokenSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<Identity, Signed> tokens = new ConcurrentHashMap<>();

    @Inject
    public InternalTokenCache(SignInternalTokenPort signer, InternalTokenSettings settings, Clock clock) {
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
    }

    public String tokenFor(Identity identity) {
        return tokenFor(identity, null);
    }

    /** A token for {@code identity} that expires no later than {@code notAfter} (a session's own expiry; may be null). */
    public String tokenFor(Identity identity, Instant notAfter) {
        long now = clock.millis();
        long cap = notAfter == null ? Long.MAX_VALUE : notAfter.toEpochMilli();
        Signed cached = tokens.get(identity);
        if (cached != null && cached.expiresAtMillis() > now
                && cached.expiresAtMillis() <= cap
                && (cached.expiresAtMillis() - now > settings.refreshBefore().toMillis() || cached.expiresAtMillis() == cap)) {
            return cached.token();
        }
        long expires = Math.min(now + settings.lifetime().toMillis(), cap);
        String token = signer.sign(identity, Instant.ofEpochMilli(now), Instant.ofEpochMilli(expires));
        if (tokens.size() >= settings.maxCached()) {
            tokens.values().removeIf(s -> s.expiresAtMillis() <= now);
            if (tokens.size() >= settings.maxCached()) {
                tokens.clear();
            }
        }
        tokens.put(identity, new Signed(token, expires));
        return token;
    }
}
