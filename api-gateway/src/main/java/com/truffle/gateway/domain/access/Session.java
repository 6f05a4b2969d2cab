package com.truffle.gateway.domain.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A person the identity provider vouched for: who, their display name (may be null), for which company (none for
 * staff), which groups, until when. From a session JWT in the Authorization header or from the browser session.
 */
public record Session(String subject, String name, String companyId, Set<String> groups, Instant expiresAt) {

    public Session {
        Objects.requireNonNull(subject, "sub");
        Objects.requireNonNull(expiresAt, "exp");
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public Session(String subject, String companyId, Set<String> groups, Instant expiresAt) {
        this(subject, null, companyId, groups, expiresAt);
    }
}
