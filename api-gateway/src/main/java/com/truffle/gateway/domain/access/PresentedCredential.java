package com.truffle.gateway.domain.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the {@code Authorization} header carries, read without any lookup. */
public sealed interface PresentedCredential {

    String KEY_PREFIX = "trf_";

    /** No Authorization header. */
    record Missing() implements PresentedCredential {
    }

    /** A string that claims to be an API key (starts with {@code trf_}); its format is not checked yet. */
    record ApiKey(String secret, boolean basic) implements PresentedCredential {
        @Override
        public String toString() {
            return "ApiKey[" + (basic ? "basic" : "bearer") + "]"; // never the secret
        }
    }

    /** A bearer token shaped like a JWT: a session from the identity provider, not verified yet. */
    record SessionToken(String jwt) implements PresentedCredential {
        @Override
        public String toString() {
            return "SessionToken[…]";
        }
    }

    /** A header that is neither: wrong scheme, garbage, an empty key. */
    record Unreadable(String why) implements PresentedCredential {
    }

    Missing MISSING = new Missing();

    static PresentedCredential parse(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return MISSING;
        }
        String h = authorization.trim();
        int space = h.indexOf(' ');
        if (space < 0) {
            return new Unreadable("The Authorization header needs a scheme: 'Bearer <API key or session token>'.");
        }
        String scheme = h.substring(0, space);
        String value = h.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            if (value.startsWith(KEY_PREFIX)) {
                return new ApiKey(value, false);
            }
            if (looksLikeJwt(value)) {
                return new SessionToken(value);
            }
            return new Unreadable("The bearer token is neither a Truffle API key (trf_…) nor a session token.");
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Unreadable("The Basic credentials are not valid base64.");
            }
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            // Ashby sends the partner key as the username with an empty password; accept it in the password too
            if (user.startsWith(KEY_PREFIX)) {
                return new ApiKey(user, true);
            }
            if (password.startsWith(KEY_PREFIX)) {
                return new ApiKey(password, true);
            }
            return new Unreadable("The Basic credentials carry no Truffle key (trf_…) as username or password.");
        }
        return new Unreadable("Unsupported authorization scheme '" + scheme + "': use Bearer (or Basic for the Ashby partner key).");
    }

    private static boolean looksLikeJwt(String v) {
        int first = v.indexOf('.');
        int second = first < 0 ? -1 : v.indexOf('.', first + 1);
        return first > 0 && second > first + 1 && second < v.length() - 1 && v.indexOf('.', second + 1) < 0;
    }
}
