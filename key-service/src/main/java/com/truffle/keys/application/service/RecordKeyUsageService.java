package com.truffle.keys.application.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.RecordKeyUsageUseCase;
import com.truffle.keys.application.port.out.SaveKeyPort;
import com.truffle.keys.domain.KeyId;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RecordKeyUsageService implements RecordKeyUsageUseCase {

    @Inject
    SaveKeyPort save;

    @Override
    @WithTransaction
    public Uni<Void> record(KeyId keyId, Instant lastUsedAt) {
        return save.recordUse(keyId, lastUsedAt);
    }
}
