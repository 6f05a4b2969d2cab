package com.truffle.keys.domain;

import java.time.Instant;

/** What happened to a key; published on truffle.keys.v1 keyed by key id, with the key's state after it. */
public record KeyEvent(Type type, ApiKey key, String actor, String requestId, Instant occurredAt) {

    public enum Type {
        KeyCreated,
        KeyUpdated,
        KeyRegenerated,
        KeyRevoked,
        KeySuspended,
        KeyReinstated
    }
}
