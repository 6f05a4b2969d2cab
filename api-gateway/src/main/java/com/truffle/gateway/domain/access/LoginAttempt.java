package com.truffle.gateway.domain.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One sign-in on its way through the identity provider: the OAuth {@code state}, the PKCE verifier, the OpenID
 * {@code nonce} and the page to come back to. Sealed into a short-lived cookie, so the callback can land on any
 * gateway replica.
 */
public record LoginAttempt(String state, String codeVerifier, String nonce, String returnTo, Instant expiresAt) {

    public LoginAttempt {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(returnTo, "returnTo");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "LoginAttempt[returnTo=" + returnTo + ", expiresAt=" + expiresAt + "]"; // never the state or verifier
    }
}
