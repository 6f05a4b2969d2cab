package com.truffle.gateway.domain.routing;

/** The kind of credential a route accepts. A credential of another kind is refused, even when it is valid. */
public enum CredentialType {
    /** Nothing: the route is public (the screener link carries its own unguessable token). */
    NONE,
    /** An integration's key, {@code Authorization: Bearer trf_live_…}. */
    API_KEY,
    /** The Ashby partner key, {@code trf_ashby_…}, in HTTP Basic (username or password) or Bearer. */
    PARTNER_KEY,
    /**
     * A session JWT from the identity provider, {@code Authorization: Bearer eyJ…}, or the browser session cookie
     * the gateway set after sign-in (then every state-changing request carries the session's CSRF token).
     */
    SESSION,
    /**
     * A page a person opens in a browser: only the session cookie counts. Without one, a GET is sent to sign in
     * and comes back to the same page.
     */
    BROWSER
}
