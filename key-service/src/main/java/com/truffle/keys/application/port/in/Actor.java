package com.truffle.keys.application.port.in;

import java.util.Objects;

/** Who asks (principal from the internal JWT) and in which request (X-Request-Id): the audit trail's "who". */
public record Actor(String principal, String requestId) {

    public Actor {
        Objects.requireNonNull(principal, "principal");
    }
}
