package com.truffle.gateway.domain.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A route's path: literal segments and {@code {name}} segments that match exactly one non-empty segment.
 * No wildcards: every path the gateway forwards is spelled out, so nothing reaches a service by accident.
 */
public final class PathPattern {

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\{[a-z][a-zA-Z0-9_]*}");

    private final String text;
    /** null entries are variables. */
    private final String[] segments;

    private PathPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code /segment/…} of literals and {@code {vars}} */
    public static PathPattern parse(String text) {
        Objects.requireNonNull(text, "path pattern");
        if (!text.startsWith("/") || text.length() < 2 || text.endsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/', has a segment and no trailing '/': " + text);
        }
        String[] parts = text.substring(1).split("/", -1);
        String[] segments = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (VARIABLE.matcher(parts[i]).matches()) {
                segments[i] = null;
            } else if (LITERAL.matcher(parts[i]).matches() && !parts[i].equals(".") && !parts[i].equals("..")) {
                segments[i] = parts[i];
            } else {
                throw new IllegalArgumentException("bad segment '" + parts[i] + "' in path pattern " + text);
            }
        }
        return new PathPattern(text, segments);
    }

    /** Whether the (already validated, split) request path matches. */
    public boolean matches(String[] pathSegments) {
        if (pathSegments.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] != null && !segments[i].equals(pathSegments[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether some path matches both patterns (then a method may be declared on only one of them). */
    public boolean overlaps(PathPattern other) {
        if (other.segments.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] != null && other.segments[i] != null && !segments[i].equals(other.segments[i])) {
                return false;
            }
        }
        return true;
    }

    /** The literal prefix before the first variable, e.g. {@code /v1/jobs} for {@code /v1/jobs/{id}}. */
    public String literalPrefix() {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (s == null) {
                break;
            }
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    /** A concrete path matching this pattern, each variable replaced by {@code value}. */
    public String example(String value) {
        List<String> out = new ArrayList<>();
        for (String s : segments) {
            out.add(s == null ? value : s);
        }
        return "/" + String.join("/", out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
