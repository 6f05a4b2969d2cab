package com.truffle.gateway.domain.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A verified session from the identity provider: who, for which company (none for staff), which groups, until when. */
public record Session(String subject, String companyId, Set<String> groups, Instant expiresAt) {

    public Session {
        Objects.requireNonNull(subject, "sub");
        Objects.requireNonNull(expiresAt, "exp");
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
