package com.truffle.keys.application.port.out;

import java.time.Instant;

import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.KeyId;
import io.smallrye.mutiny.Uni;

public interface SaveKeyPort {

    Uni<Void> insert(ApiKey key);

    /** Stores the key's new state; fails if someone else changed it since it was loaded (version). */
    Uni<Void> update(ApiKey key);

    /** Moves last_used_at forward (never back); not a change of the key, so no version bump and no event. */
    Uni<Void> recordUse(KeyId keyId, Instant lastUsedAt);
}
