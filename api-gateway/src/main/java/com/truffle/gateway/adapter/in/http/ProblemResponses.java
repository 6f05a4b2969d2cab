package com.truffle.gateway.adapter.in.http;

import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.problem.DenialFormat;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a denial as the gateway's own answer: problem+json (Ashby's envelope on the partner routes, see
 * {@link DenialFormat}), X-Request-Id (set by the filter), Retry-After, challenge.
 */
final class ProblemResponses {

    static void send(HttpServerResponse response, Denial denial, String requestId, DenialFormat format) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(denial.status());
        response.headers()
                .set(HttpHeaders.CONTENT_TYPE, format.mediaType())
                .set(HttpHeaders.CACHE_CONTROL, "no-store")
                .set(RequestIdFilter.HEADER, requestId);
        if (denial.retryAfterSeconds() > 0) {
            response.headers().set(HttpHeaders.RETRY_AFTER, Long.toString(denial.retryAfterSeconds()));
        }
        if (format == DenialFormat.HTML) {
            response.headers().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
                    .set("X-Frame-Options", "DENY").set("Referrer-Policy", "same-origin");
        }
        if (denial.challenge() != null) {
            response.headers().set("WWW-Authenticate", denial.challenge());
        }
        response.end(format.render(denial, requestId));
    }

    private ProblemResponses() {
    }
}
