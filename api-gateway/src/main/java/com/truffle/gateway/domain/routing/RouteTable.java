package com.truffle.gateway.domain.routing;

import java.util.List;

/**
 * The validated route table. {@link #match} answers the one route a request may take, or null: then the request is
 * answered 404 and never forwarded. A path is matched exactly as it will be forwarded, so anything a service
 * could read differently from the gateway ({@code .}/{@code ..} segments, empty segments, encoded {@code /},
 * {@code \} or {@code .}) matches nothing.
 */
public final class RouteTable {

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** @throws IllegalStateException listing every problem of the declarations */
    public static RouteTable of(RouteDeclarations declarations) {
        List<String> problems = declarations.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the route table has problems:\n  " + String.join("\n  ", problems));
        }
        return new RouteTable(declarations.routes());
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route for {@code method} (e.g. "GET") and the raw request path (no query), or null. */
    public Route match(String method, String rawPath) {
        Method m = Method.of(method);
        if (m == null) {
            return null;
        }
        String[] segments = segments(rawPath);
        if (segments == null) {
            return null;
        }
        for (Route r : routes) {
            if (r.method() == m && r.path().matches(segments)) {
                return r;
            }
        }
        return null;
    }

    /** The segments of a safe path, or null for an unsafe or malformed one. */
    static String[] segments(String rawPath) {
        if (rawPath == null || rawPath.length() < 2 || rawPath.charAt(0) != '/' || rawPath.length() > 2048) {
            return null;
        }
        int count = 1;
        for (int i = 1; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '/') {
                count++;
            } else if (c == '\\' || c < 0x21 || c > 0x7e) {
                return null;
            } else if (c == '%' && encodesSeparatorOrDot(rawPath, i)) {
                return null;
            }
        }
        String[] out = new String[count];
        int start = 1;
        for (int s = 0; s < count; s++) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            if (end == start) {
                return null; // empty segment: "//" or a trailing "/"
            }
            String seg = rawPath.substring(start, end);
            if (seg.equals(".") || seg.equals("..")) {
                return null;
            }
            out[s] = seg;
            start = end + 1;
        }
        return out;
    }

    private static boolean encodesSeparatorOrDot(String p, int i) {
        if (i + 2 >= p.length()) {
            return true; // a truncated escape
        }
        char a = p.charAt(i + 1);
        char b = Character.toUpperCase(p.charAt(i + 2));
        return (a == '2' && (b == 'F' || b == 'E')) || (a == '5' && b == 'C') || (a == '0' && b == '0');
    }
}
