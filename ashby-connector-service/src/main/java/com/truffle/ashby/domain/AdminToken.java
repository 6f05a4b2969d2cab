package com.truffle.ashby.domain;

import java.util.Objects;

/**
 * The company admin's own credential (the gateway's internal JWT for the admin's session), forwarded to
 * key-service so the partner key is issued on behalf of that admin. Never shown in a log line.
 */
public record AdminToken(String value) {

    public AdminToken {
        Objects.requireNonNull(value, "admin token");
    }

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}
