package com.truffle.gateway.application.port.out;

import java.time.Instant;
import java.util.Set;

import com.truffle.gateway.domain.access.LoginAttempt;
import io.smallrye.mutiny.Uni;

/** The OpenID Connect provider people sign in with: the authorization-code flow with PKCE. */
public interface IdentityProviderPort {

    /** Who signed in, from the provider's verified ID token. */
    record SignedInPerson(String subject, String name, String companyId, Set<String> groups, Instant expiresAt) {
    }

    /** Sign-in could not complete; the message is for the person (never a token or a code). */
    class SignInFailed extends RuntimeException {
        private final boolean unavailable;

        public SignInFailed(String message) {
            this(message, false);
        }

        /** @param unavailable the provider cannot be reached (try later), rather than this sign-in being refused */
        public SignInFailed(String message, boolean unavailable) {
            super(message, null, false, false);
            this.unavailable = unavailable;
        }

        public boolean unavailable() {
            return unavailable;
        }
    }

    /** Where to send the browser: the provider's authorization endpoint for this attempt. */
    Uni<String> authorizationUrl(LoginAttempt attempt, String redirectUri);

    /** Trades the code for tokens and verifies the ID token (signature, issuer, audience, expiry, nonce). */
    Uni<SignedInPerson> exchange(String code, LoginAttempt attempt, String redirectUri);

    /** The provider's end-session URL that returns to {@code returnTo}, or {@code returnTo} when it has none. */
    Uni<String> endSessionUrl(String returnTo);
}
