package com.truffle.keys.application.port.in;

import java.util.Objects;

/**
 * Who asks (principal from the internal JWT) and in which request (X-Request-Id): the audit trail's "who"; and the
 * internal JWT itself ({@code credential}, may be null), to ask another service on their behalf.
 */
public record Actor(String principal, String requestId, String credential) {

    public Actor {
        Objects.requireNonNull(principal, "principal");
    }

    public Actor(String principal, String requestId) {
        this(principal, requestId, null);
    }

    @Override
    public String toString() {
        return "Actor[" + principal + ", " + requestId + "]"; // never the credential
    }
}
