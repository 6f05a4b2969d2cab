package com.truffle.gateway.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.SignInternalTokenPort;
import com.truffle.gateway.domain.access.Identity;
import com.truffle.gateway.domain.routing.Upstream;

/**
 * One internal JWT per identity (key, session user, the gateway itself) and service it is for, re-signed shortly
 * before it expires: an RSA signature costs about a millisecond, a cache hit a map lookup.
 */
@ApplicationScoped
public class InternalTokenCache {

    private record Signed(String token, long expiresAtMillis) {
    }

    private record For(Identity identity, Upstream service) {
    }

    private final SignInternalTokenPort signer;
    private final InternalTokenSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<For, Signed> tokens = new ConcurrentHashMap<>();

    @Inject
    public InternalTokenCache(SignInternalTokenPort signer, InternalTokenSettings settings, Clock clock) {
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
    }

    public String tokenFor(Identity identity, Upstream service) {
        return tokenFor(identity, service, null);
    }

    /**
     * A token for {@code identity}, to be sent to {@code service}, that expires no later than {@code notAfter} (a
     * session's own expiry; may be null).
     */
    public String tokenFor(Identity identity, Upstream service, Instant notAfter) {
        long now = clock.millis();
        long cap = notAfter == null ? Long.MAX_VALUE : notAfter.toEpochMilli();
        For key = new For(identity, service);
        Signed cached = tokens.get(key);
        if (cached != null && cached.expiresAtMillis() > now
                && cached.expiresAtMillis() <= cap
                && (cached.expiresAtMillis() - now > settings.refreshBefore().toMillis() || cached.expiresAtMillis() == cap)) {
            return cached.token();
        }
        long expires = Math.min(now + settings.lifetime().toMillis(), cap);
        String token = signer.sign(identity, service.audiences(), Instant.ofEpochMilli(now), Instant.ofEpochMilli(expires));
        if (tokens.size() >= settings.maxCached()) {
            tokens.values().removeIf(s -> s.expiresAtMillis() <= now);
            if (tokens.size() >= settings.maxCached()) {
                tokens.clear();
            }
        }
        tokens.put(key, new Signed(token, expires));
        return token;
    }
}
