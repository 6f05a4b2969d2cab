package com.truffle.ashby.application.port.in;

import io.smallrye.mutiny.Uni;

/**
 * After the encryption key rotates: every stored Ashby key sealed under an older key is sealed again under the current
 * one, so the old key can be retired. Idempotent; safe on several replicas (each connection under its lock).
 */
public interface ResealAshbyKeysUseCase {

    /** @return how many keys were sealed again */
    Uni<Integer> resealAll();
}
