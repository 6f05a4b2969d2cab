package com.truffle.gateway.domain.routing;

import java.util.Objects;

/** One public route: method + path → the service that answers it and what the caller must present. */
public record Route(Method method, PathPattern path, Upstream upstream, RequiredAccess access) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(upstream, "upstream of " + method + " " + path);
        Objects.requireNonNull(access, "required access of " + method + " " + path);
    }

    /**
     * The largest request body the edge lets through: small where no one has a reason to send much (the candidate's
     * answers, a page's form, Ashby's calls), 1 MiB for the API. Larger is 413 at the edge, never forwarded.
     */
    public long maxBodyBytes() {
        return switch (access.credential()) {
            case NONE, BROWSER -> 64 * 1024;
            case PARTNER_KEY -> 256 * 1024;
            default -> 1024 * 1024;
        };
    }

    /** {@code GET /v1/jobs/{id}}: the route's name in metrics and docs. */
    public String name() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return name() + " -> " + upstream.serviceName() + " [" + access.label() + "]"
                + (access.credential() == CredentialType.BROWSER ? " (page)" : "");
    }
}
