package com.truffle.gateway.domain.access;

/**
 * Where to send a person after signing in: only a path of this site ({@code /…}), never a scheme-relative
 * {@code //host} or backslash trick that a browser would take to another site (an open redirect).
 */
public final class ReturnPath {

    public static final String HOME = "/";
    private static final int MAX = 2048;

    /** {@code candidate} when it is a safe local path with an optional query, else {@link #HOME}. */
    public static String safe(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX || candidate.charAt(0) != '/') {
            return HOME;
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return HOME;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\') {
                return HOME;
            }
        }
        return candidate;
    }

    private ReturnPath() {
    }
}
