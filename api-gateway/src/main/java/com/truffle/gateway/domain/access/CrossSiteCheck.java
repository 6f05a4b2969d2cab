package com.truffle.gateway.domain.access;

import java.util.Locale;

/**
 * Whether a state-changing request that carries the session cookie came from Truffle's own pages: a browser
 * says where a request comes from in {@code Sec-Fetch-Site} and {@code Origin}; either one naming another site
 * refuses the request (403), whatever token it carries. A request with neither (not a browser) still needs the
 * CSRF token.
 */
public final class CrossSiteCheck {

    private final String publicOrigin;

    /** @param publicOrigin the scheme, host and port people use, e.g. {@code https://app.truffle.dev} */
    public CrossSiteCheck(String publicOrigin) {
        this.publicOrigin = publicOrigin.toLowerCase(Locale.ROOT);
    }

    public boolean sameSite(String origin, String secFetchSite) {
        if (secFetchSite != null) {
            String s = secFetchSite.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("same-origin") && !s.equals("none")) {
                return false;
            }
        }
        if (origin != null) {
            return origin.trim().toLowerCase(Locale.ROOT).equals(publicOrigin);
        }
        return true;
    }

    public String publicOrigin() {
        return publicOrigin;
    }

    /** {@code https://host:port} of a URL such as {@code https://host:port/some/path}. */
    public static String originOf(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            throw new IllegalArgumentException("not an absolute URL: " + url);
        }
        int path = url.indexOf('/', scheme + 3);
        return path < 0 ? url : url.substring(0, path);
    }
}
