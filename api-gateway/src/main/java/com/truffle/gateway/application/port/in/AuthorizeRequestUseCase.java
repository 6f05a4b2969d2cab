package com.truffle.gateway.application.port.in;

import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.routing.Route;
import io.smallrye.mutiny.Uni;

/** Decides what happens to a request at the edge: forwarded (as whom) or answered by the gateway (why). */
public interface AuthorizeRequestUseCase {

    /**
     * The request line and the credential; nothing else of the request matters to the decision. A browser's
     * request may also carry the session cookie, and for a state-changing one the CSRF token it presents (form
     * field or header) and where the browser says it comes from ({@code Origin}, {@code Sec-Fetch-Site}). {@code client}
     * is the caller's address, for the limits that are per client.
     */
    record InboundCall(String method, String path, String authorization, String sessionCookie, String csrfToken,
            String origin, String secFetchSite, String client) {

        public InboundCall(String method, String path, String authorization) {
            this(method, path, authorization, null, null, null, null, null);
        }

        /** The same call, from {@code clientAddress} (as the edge established it: the socket, or a trusted proxy's word). */
        public InboundCall from(String clientAddress) {
            return new InboundCall(method, path, authorization, sessionCookie, csrfToken, origin, secFetchSite, clientAddress);
        }

        @Override
        public String toString() {
            return "InboundCall[" + method + " " + path + "]"; // never the credentials
        }
    }

    sealed interface GatewayDecision {
    }

    /**
     * Forward to {@code route.upstream()} with this internal JWT (null for a public route: no identity); a page
     * also gets the session's CSRF token to put in its forms ({@code browserCsrf}, else null).
     */
    record Forward(Route route, String internalToken, String browserCsrf) implements GatewayDecision {
        public Forward(Route route, String internalToken) {
            this(route, internalToken, null);
        }
    }

    /** Answer with this problem; nothing is forwarded. */
    record Deny(Denial denial) implements GatewayDecision {
    }

    /** Not decidable without waiting: a key-service lookup on a replica miss, a session's first verification. */
    record Pending(Uni<GatewayDecision> decision) implements GatewayDecision {
    }

    /**
     * Decided on the spot for every request the replica and caches can answer — no reactive machinery on that hot
     * path — and {@link Pending} only when something must be asked first.
     */
    GatewayDecision authorize(InboundCall call);
}
