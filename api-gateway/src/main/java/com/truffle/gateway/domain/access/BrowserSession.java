package com.truffle.gateway.domain.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A person signed in in a browser: the session cookie the gateway sealed after the identity provider's code
 * flow. {@code id} names this sign-in (what sign-out ends, on every gateway replica); the person's claims and
 * the expiry (the ID token's, capped) are inside.
 */
public record BrowserSession(String id, Session person) {

    public BrowserSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(person, "person");
    }

    public Instant expiresAt() {
        return person.expiresAt();
    }

    public boolean expiredAt(Instant now) {
        return !person.expiresAt().isAfter(now);
    }
}
