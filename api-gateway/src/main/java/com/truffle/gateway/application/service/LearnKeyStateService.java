package com.truffle.gateway.application.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.LearnKeyStateUseCase;
import com.truffle.gateway.application.port.out.KeyStatePort;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.platform.apikeys.KeyStateSignature;

/**
 * Applies the key state key-service sent with its answer to a key change. The replica's own rule decides, as for
 * the topic: a revocation is final, an older version never replaces a newer one, and a regenerated key's old hash
 * is dropped as its new record comes in.
 */
@ApplicationScoped
public class LearnKeyStateService implements LearnKeyStateUseCase {

    private final KeyStatePort keyState;
    private final KeyStateSignature signature;

    @Inject
    public LearnKeyStateService(KeyStatePort keyState, KeyStateSignature signature) {
        this.keyState = keyState;
        this.signature = signature;
    }

    @Override
    public void learn(Map<String, ?> fields) {
        if (!signature.verify(fields)) {
            throw new IllegalArgumentException("not signed by key-service");
        }
        keyState.admitConfirmed(KeyRecord.fromContract(fields));
    }
}
