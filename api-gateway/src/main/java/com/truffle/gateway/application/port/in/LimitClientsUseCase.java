package com.truffle.gateway.application.port.in;

/**
 * The limits per client address on what no API key pays for: the public routes (the screener, signing in) and what
 * signed-in people do (pages, session calls). API-key routes are limited per key instead.
 */
public interface LimitClientsUseCase {

    enum Kind {
        /** No credential: the screener's routes, the sign-in steps. */
        PUBLIC,
        /** A signed-in person: pages and session routes. */
        SIGNED_IN
    }

    /** 0 when {@code client} may go on, else the seconds (at least 1) until it may retry. */
    long retryAfterSeconds(Kind kind, String client);
}
