package com.truffle.gateway.application.port.out;

import java.time.Instant;

import io.smallrye.mutiny.Uni;

/**
 * Sessions people signed out of before they expired, known to every gateway replica: a sealed cookie cannot be
 * taken back from a browser, so a signed-out session's id is refused until it would have expired anyway.
 */
public interface EndedSessionsPort {

    boolean hasEnded(String sessionId);

    /** Ends the session here at once and on every replica; completes when that is durably recorded. */
    Uni<Void> end(String sessionId, Instant expiresAt);
}
