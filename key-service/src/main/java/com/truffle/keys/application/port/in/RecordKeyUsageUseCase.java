package com.truffle.keys.application.port.in;

import java.time.Instant;

import com.truffle.keys.domain.KeyId;
import io.smallrye.mutiny.Uni;

/** The gateway's usage aggregates: last_used_at, at most a few seconds stale, one write per key per batch. */
public interface RecordKeyUsageUseCase {

    Uni<Void> record(KeyId keyId, Instant lastUsedAt);
}
