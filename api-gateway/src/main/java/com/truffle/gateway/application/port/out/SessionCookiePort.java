package com.truffle.gateway.application.port.out;

import com.truffle.gateway.domain.access.BrowserSession;
import com.truffle.gateway.domain.access.LoginAttempt;

/**
 * Seals what a browser carries between requests, so any gateway replica holding the same key can open it and
 * nothing is kept in a replica's memory: the session after sign-in, and the sign-in under way.
 */
public interface SessionCookiePort {

    String seal(BrowserSession session);

    /** The session, or null when the value was not sealed with this gateway's key, was altered, or has expired. */
    BrowserSession open(String sealed);

    String seal(LoginAttempt attempt);

    /** The attempt, or null when not sealed by this gateway, altered or older than its expiry. */
    LoginAttempt openLogin(String sealed);

    /** The session's CSRF token, the same on every replica: derived from the session id with the gateway's key. */
    String csrfToken(BrowserSession session);
}
