package com.truffle.platform.browser;

/**
 * What the gateway and the services agree on for pages a person uses in a browser. The gateway signs people in
 * (a sealed session cookie), checks every state-changing request's CSRF token and Origin, and forwards a page
 * request with the internal JWT and the session's CSRF token, which the page puts in each of its forms.
 */
public final class BrowserContract {

    /** The hidden form field every page form carries (the gateway reads it from url-encoded bodies). */
    public static final String CSRF_FIELD = "csrf_token";
    /** The same token in a header, for scripts calling the session routes with the cookie. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The header the gateway forwards the session's CSRF token in (callers' X-Truffle-* headers are stripped). */
    public static final String FORWARDED_CSRF_HEADER = "X-Truffle-Csrf-Token";
    /** The internal JWT's claim with the person's display name. */
    public static final String NAME_CLAIM = "name";
    /** Groups of a person in a browser, as the internal JWT carries them. */
    public static final String COMPANY_MEMBER = "company-member";
    /** The largest url-encoded form body the gateway accepts on a page route. */
    public static final int MAX_FORM_BYTES = 64 * 1024;

    private BrowserContract() {
    }
}
