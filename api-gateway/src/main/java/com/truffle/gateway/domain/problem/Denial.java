package com.truffle.gateway.domain.problem;

import com.truffle.gateway.domain.routing.RequiredAccess;
import com.truffle.gateway.domain.routing.Route;

/**
 * Why the gateway answers a request itself instead of forwarding it: an RFC 9457 problem ({@code type} is
 * {@link #TYPE_BASE} + {@code slug}, stable for clients to switch on) plus what the response headers need.
 */
public record Denial(int status, String slug, String title, String detail, String requiredPermission,
        String grantedPermission, long retryAfterSeconds, String challenge) {

    public static final String TYPE_BASE = "https://docs.truffle.dev/problems/";
    private static final String BEARER = "Bearer realm=\"truffle\"";
    private static final String BASIC = "Basic realm=\"truffle-partner\"";

    public String type() {
        return TYPE_BASE + slug;
    }

    public static Denial noRoute(String method, String path) {
        return new Denial(404, "not-found", "Not found",
                "No route matches " + method + " " + truncate(path) + ".", null, null, 0, null);
    }

    public static Denial missingCredential(Route route) {
        String what = switch (route.access().credential()) {
            case PARTNER_KEY -> "the Ashby partner key (HTTP Basic, the key as username)";
            case SESSION -> "a session token (Authorization: Bearer <token>)";
            default -> "an API key (Authorization: Bearer trf_live_…)";
        };
        return new Denial(401, "unauthenticated", "Authentication required",
                route.name() + " needs " + what + ".", null, null, 0, challenge(route));
    }

    public static Denial unreadableCredential(Route route, String why) {
        return new Denial(401, "invalid-credential", "Invalid credential", why, null, null, 0, challenge(route));
    }

    public static Denial basicNotAccepted(Route route) {
        return new Denial(401, "invalid-credential", "Invalid credential",
                "HTTP Basic is accepted only on /partners/ashby/* (the Ashby partner key); use Authorization: Bearer here.",
                null, null, 0, challenge(route));
    }

    public static Denial malformedKey(Route route) {
        return new Denial(401, "invalid-api-key", "Invalid API key",
                "This is not a well-formed Truffle API key (trf_live_… or trf_ashby_… with a valid checksum): check it was copied whole.",
                null, null, 0, challenge(route));
    }

    public static Denial unknownKey(Route route) {
        return new Denial(401, "invalid-api-key", "Invalid API key",
                "This API key is not valid: it is unknown, or it was regenerated or revoked.",
                null, null, 0, challenge(route));
    }

    public static Denial unverifiableKey(Route route) {
        return new Denial(401, "invalid-api-key", "Invalid API key",
                "This API key is not known to the gateway and could not be confirmed right now; a key created seconds ago works once it can be. Retry shortly.",
                null, null, 0, challenge(route));
    }

    public static Denial suspended(Route route) {
        return new Denial(401, "api-access-suspended", "API access suspended",
                "API access is suspended for this company (its plan is no longer paid), so its keys do not work until it is reinstated.",
                null, null, 0, challenge(route));
    }

    public static Denial invalidSession(Route route, String why) {
        return new Denial(401, "invalid-session", "Invalid session", "The session token is not valid: " + why,
                null, null, 0, challenge(route));
    }

    /** A page without a (valid, current) browser session: a GET goes to sign-in and comes back. */
    public static Denial signInRequired(Route route) {
        return new Denial(401, "sign-in-required", "Sign in required",
                "Your session has ended or you are not signed in. Sign in to continue.", null, null, 0, null);
    }

    /** A state-changing request with the session cookie that names another site as its origin. */
    public static Denial crossSiteRequest() {
        return new Denial(403, "cross-site-request", "Cross-site request refused",
                "This request came from another site. Truffle accepts changes only from its own pages.", null, null, 0, null);
    }

    /** A state-changing request with the session cookie but without its CSRF token (or with another session's). */
    public static Denial csrfTokenInvalid() {
        return new Denial(403, "csrf-token-invalid", "Form expired",
                "The form's security token is missing or does not belong to your session. Reload the page and try again.",
                null, null, 0, null);
    }

    /** The identity provider's answer at the sign-in callback could not be used. */
    public static Denial signInFailed(String why) {
        return new Denial(400, "sign-in-failed", "Sign-in failed", why, null, null, 0, null);
    }

    /** The identity provider cannot be reached: nobody can sign in until it can. */
    public static Denial signInUnavailable(String why) {
        return new Denial(503, "sign-in-unavailable", "Sign-in unavailable", why, null, null, 0, null);
    }

    /** A body larger than the route takes (a page's form: {@code BrowserContract.MAX_FORM_BYTES}). */
    /** {@code maxBytes} negative: the limit is the service's own, not known here. */
    public static Denial payloadTooLarge(long maxBytes) {
        return new Denial(413, "payload-too-large", "Request too large",
                maxBytes < 0 ? "The request body is larger than this route accepts."
                        : "The request body is larger than the " + (maxBytes / 1024) + " KiB this route accepts.", null, null, 0, null);
    }

    /** A request target (path and query) longer than the platform reads. */
    public static Denial uriTooLong(int maxChars) {
        return new Denial(414, "uri-too-long", "Request URI too long",
                "The path and query are longer than the " + maxChars + " characters this platform accepts; send large input "
                        + "in a request body.", null, null, 0, null);
    }

    public static Denial forbidden(Route route, String required, String granted) {
        return new Denial(403, "insufficient-permission", "Insufficient permission",
                route.name() + " requires " + required + "; the credential grants " + granted + ".",
                required, granted, 0, null);
    }

    public static Denial rateLimited(long retryAfterSeconds) {
        return new Denial(429, "rate-limited", "Too many requests",
                "This key's rate limit is exhausted; retry after " + retryAfterSeconds + " s.",
                null, null, retryAfterSeconds, null);
    }

    /** Too many requests from one address on routes no API key pays for (the screener, signing in, pages). */
    public static Denial clientRateLimited(long retryAfterSeconds) {
        return new Denial(429, "rate-limited", "Too many requests",
                "Too many requests from your address; retry after " + retryAfterSeconds + " s.",
                null, null, retryAfterSeconds, null);
    }

    public static Denial upstreamUnavailable(String service, boolean timedOut) {
        return timedOut
                ? new Denial(504, "upstream-timeout", "Upstream timeout", service + " did not answer in time.", null, null, 0, null)
                : new Denial(502, "upstream-unavailable", "Upstream unavailable", service + " cannot be reached right now.", null, null, 0, null);
    }

    public static Denial internalError() {
        return new Denial(500, "internal-error", "Internal error", "The gateway failed to handle this request.",
                null, null, 0, null);
    }

    private static String challenge(Route route) {
        return route.access() == RequiredAccess.PARTNER_ASHBY ? BASIC : BEARER;
    }

    private static String truncate(String path) {
        return path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }
}
