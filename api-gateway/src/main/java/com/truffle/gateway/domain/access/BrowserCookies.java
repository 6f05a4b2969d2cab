package com.truffle.gateway.domain.access;

/**
 * The gateway's two cookies. Under https both carry the {@code __Host-} prefix, which a browser accepts only
 * when the cookie is Secure, for path {@code /} and without a Domain: no other host can plant or read them.
 */
public final class BrowserCookies {

    /** The sealed browser session (HttpOnly, SameSite=Lax, Secure under https, expires with the session). */
    public static String session(boolean https) {
        return https ? "__Host-truffle_session" : "truffle_session";
    }

    /** The sign-in under way (state, PKCE verifier, nonce, where to return): ten minutes, path /auth/callback. */
    public static String login(boolean https) {
        return https ? "__Secure-truffle_login" : "truffle_login";
    }

    private BrowserCookies() {
    }
}
