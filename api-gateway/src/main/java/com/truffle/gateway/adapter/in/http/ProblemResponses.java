package com.truffle.gateway.adapter.in.http;

import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.problem.ProblemDocument;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes a denial as the gateway's own answer: problem+json, X-Request-Id (set by the filter), Retry-After, challenge. */
final class ProblemResponses {

    static void send(HttpServerResponse response, Denial denial, String requestId) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(denial.status());
        response.headers()
                .set(HttpHeaders.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE)
                .set(HttpHeaders.CACHE_CONTROL, "no-store")
                .set(RequestIdFilter.HEADER, requestId);
        if (denial.retryAfterSeconds() > 0) {
            response.headers().set(HttpHeaders.RETRY_AFTER, Long.toString(denial.retryAfterSeconds()));
        }
        if (denial.challenge() != null) {
            response.headers().set("WWW-Authenticate", denial.challenge());
        }
        response.end(ProblemDocument.render(denial, requestId));
    }

    private ProblemResponses() {
    }
}
