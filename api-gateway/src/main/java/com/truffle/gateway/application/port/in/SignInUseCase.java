package com.truffle.gateway.application.port.in;

import io.smallrye.mutiny.Uni;

/** A person signs in through the identity provider (code flow + PKCE), uses pages with a session cookie, signs out. */
public interface SignInUseCase {

    /** Send the browser to {@code location}, holding {@code loginCookie} (the attempt, sealed) until it returns. */
    record ToProvider(String location, String loginCookie, long loginCookieSeconds) {
    }

    /** Signed in: set {@code sessionCookie} for {@code maxAgeSeconds} and go to {@code location}. */
    record SignedIn(String location, String sessionCookie, long maxAgeSeconds) {
        @Override
        public String toString() {
            return "SignedIn[" + location + "]";
        }
    }

    Uni<ToProvider> begin(String returnTo);

    /**
     * The provider's answer at the callback. Fails with
     * {@link com.truffle.gateway.application.port.out.IdentityProviderPort.SignInFailed} when it cannot complete.
     */
    Uni<SignedIn> complete(String code, String state, String error, String loginCookie);

    /** Ends the session everywhere (when there is one) and answers where the browser goes next. */
    Uni<String> signOut(String sessionCookie);

    /** Where {@code /} leads: the person's start page, or sign-in. */
    String home(String sessionCookie);
}
