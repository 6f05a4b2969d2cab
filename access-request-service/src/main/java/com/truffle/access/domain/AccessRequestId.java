package com.truffle.access.domain;

import java.util.Objects;
import java.util.UUID;

public record AccessRequestId(UUID value) {

    public AccessRequestId {
        Objects.requireNonNull(value, "access request id");
    }

    public static AccessRequestId random() {
        return new AccessRequestId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
