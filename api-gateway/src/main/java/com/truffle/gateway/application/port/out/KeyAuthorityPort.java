package com.truffle.gateway.application.port.out;

import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.SecretHash;
import io.smallrye.mutiny.Uni;

/** The authoritative check on a replica miss: key-service's {@code POST /internal/keys/verify}. */
public interface KeyAuthorityPort {

    sealed interface Answer {
    }

    record Found(KeyRecord record) implements Answer {
    }

    record NotFound() implements Answer {
    }

    /** No answer (down, timeout, 5xx): the key is neither confirmed nor denied. */
    record Unavailable(String reason) implements Answer {
    }

    /** Never fails: every problem is an {@link Unavailable}. {@code bearerToken} is the gateway's own internal JWT. */
    Uni<Answer> verify(SecretHash hash, String bearerToken);
}
