package com.truffle.gateway.application.port.out;

import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.KeyReplica;
import com.truffle.gateway.domain.key.SecretHash;

/** The gateway's view of the key state (the replica of {@code truffle.keys.state.v1}). */
public interface KeyStatePort {

    /** The current record of a secret's hash, or null. Called on every key-authenticated request: must not block. */
    KeyRecord findByHash(SecretHash hash);

    /** Whether the hash is of a secret the replica saw regenerated or revoked (never valid again). Must not block. */
    boolean isRetired(SecretHash hash);

    /** A record key-service confirmed on a miss; the replica's version rule decides whether it is taken. */
    KeyReplica.Outcome admitConfirmed(KeyRecord record);

    /** The key is revoked, for good: its secret stops here at once, and nothing can bring the key back. */
    void revoke(String keyId);

    /**
     * Whether a hit can be taken as it is: caught up, read from the broker recently enough (within the staleness
     * bound), and the topic's partitions are those it started with. Otherwise every hit is confirmed by key-service.
     */
    boolean trusted();
}
