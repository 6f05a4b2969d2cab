package com.truffle.gateway.domain.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The route table as written: {@code get("/v1/jobs").to(SCREENING_SERVICE).requires(READ)}. A declaration that
 * forgets its upstream or its required access still compiles, on purpose: {@link #problems()} reports it, the
 * route-table test fails the build on any problem, and {@link RouteTable#of} refuses to start with one.
 */
public final class RouteDeclarations {

    /** Paths that only services call each other on; the public table must never reach them. */
    static final String INTERNAL_PREFIX = "/internal";

    private final List<Declaration> declarations = new ArrayList<>();

    public static RouteDeclarations create() {
        return new RouteDeclarations();
    }

    public Declaration get(String path) {
        return route(Method.GET, path);
    }

    public Declaration post(String path) {
        return route(Method.POST, path);
    }

    public Declaration put(String path) {
        return route(Method.PUT, path);
    }

    public Declaration patch(String path) {
        return route(Method.PATCH, path);
    }

    public Declaration delete(String path) {
        return route(Method.DELETE, path);
    }

    public Declaration route(Method method, String path) {
        Declaration d = new Declaration(this, method, path);
        declarations.add(d);
        return d;
    }

    /** Everything wrong with the table: missing upstream or access, bad or internal paths, duplicates, overlaps. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<Route> valid = new ArrayList<>();
        for (Declaration d : declarations) {
            String name = d.method + " " + d.path;
            PathPattern pattern = null;
            try {
                pattern = PathPattern.parse(d.path);
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage());
            }
            if (d.upstream == null) {
                problems.add(name + ": no upstream declared");
            }
            if (d.access == null) {
                problems.add(name + ": no required permission declared");
            }
            if (d.path != null && (d.path.equals(INTERNAL_PREFIX) || d.path.startsWith(INTERNAL_PREFIX + "/"))) {
                problems.add(name + ": /internal/** is for service-to-service calls and never public");
            }
            if (pattern == null || d.upstream == null || d.access == null) {
                continue;
            }
            Route route = new Route(d.method, pattern, d.upstream, d.access);
            for (Route earlier : valid) {
                if (earlier.method() == route.method() && earlier.path().overlaps(route.path())) {
                    problems.add(name + ": overlaps " + earlier.name() + " (a request must match one route only)");
                }
            }
            valid.add(route);
        }
        return problems;
    }

    /** The routes, in declaration order; only meaningful when {@link #problems()} is empty. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Declaration d : declarations) {
            routes.add(new Route(d.method, PathPattern.parse(d.path), d.upstream, d.access));
        }
        return routes;
    }

    public RouteTable toTable() {
        return RouteTable.of(this);
    }

    /** One route being declared. Starting the next declaration from here keeps the table one fluent expression. */
    public static final class Declaration {
        private final RouteDeclarations owner;
        private final Method method;
        private final String path;
        private Upstream upstream;
        private RequiredAccess access;

        private Declaration(RouteDeclarations owner, Method method, String path) {
            this.owner = owner;
            this.method = method;
            this.path = path;
        }

        public Declaration to(Upstream upstream) {
            this.upstream = upstream;
            return this;
        }

        public Declaration requires(RequiredAccess access) {
            this.access = access;
            return this;
        }

        public Declaration get(String path) {
            return owner.get(path);
        }

        public Declaration post(String path) {
            return owner.post(path);
        }

        public Declaration put(String path) {
            return owner.put(path);
        }

        public Declaration patch(String path) {
            return owner.patch(path);
        }

        public Declaration delete(String path) {
            return owner.delete(path);
        }

        public RouteDeclarations declarations() {
            return owner;
        }
    }
}
