package com.truffle.gateway.application.port.out;

import com.truffle.gateway.domain.routing.Upstream;

/** Streams an admitted request to its service and the answer back. */
public interface ForwardRequestPort {

    /**
     * The inbound exchange, as the inbound adapter holds it. The forwarding adapter streams that very exchange
     * (no copy of the body), so it needs the adapter's native request: {@link #unwrap} hands it over without
     * the application knowing its type.
     */
    interface InboundExchange {
        <T> T unwrap(Class<T> type);
    }

    /**
     * What the service gets besides the request: the internal JWT (null on public routes), the correlation ids,
     * and on a page the session's CSRF token for its forms (else null).
     */
    record ForwardInstruction(Upstream upstream, String internalToken, String requestId, String traceparent, String browserCsrf) {
        public ForwardInstruction(Upstream upstream, String internalToken, String requestId, String traceparent) {
            this(upstream, internalToken, requestId, traceparent, null);
        }

        @Override
        public String toString() {
            return "ForwardInstruction[" + upstream + ", " + requestId + "]"; // never the token
        }
    }

    void forward(InboundExchange exchange, ForwardInstruction instruction);
}
