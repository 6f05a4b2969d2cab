package com.truffle.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.domain.forwarding.ForwardingPolicy;
import com.truffle.gateway.domain.forwarding.TraceContext;
import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.problem.ProblemDocument;
import com.truffle.gateway.domain.routing.GatewayRoutes;
import com.truffle.gateway.domain.usage.KeyUsage;
import com.truffle.gateway.domain.usage.UsageTally;

class WireFormatsTest {

    @Test
    void aForbiddenProblemNamesBothPermissions() {
        Denial d = Denial.forbidden(GatewayRoutes.table().match("POST", "/v1/jobs"), "WRITE", "READ");
        assertThat(ProblemDocument.render(d, "req-12345678")).isEqualTo("{\"type\":\"https://docs.truffle.dev/problems/insufficient-permission\","
                + "\"title\":\"Insufficient permission\",\"status\":403,\"detail\":\"POST /v1/jobs requires WRITE; the credential grants READ.\","
                + "\"required_permission\":\"WRITE\",\"granted_permission\":\"READ\",\"request_id\":\"req-12345678\"}");
    }

    @Test
    void problemTextIsEscaped() {
        Denial d = Denial.noRoute("GET", "/a\"b\\c\n");
        assertThat(ProblemDocument.render(d, null)).contains("\"detail\":\"No route matches GET /a\\\"b\\\\c\\n.\"")
                .doesNotContain("request_id");
        assertThat(ProblemDocument.render(Denial.rateLimited(7), "r-12345678")).contains("\"retry_after_seconds\":7");
    }

    @Test
    void traceContextKeepsTheTraceAndNamesTheGatewayAsParent() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String out = TraceContext.forward(incoming);
        assertThat(out).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
        assertThat(out).doesNotContain("00f067aa0ba902b7");
        for (String bad : new String[] {null, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}) {
            String fresh = TraceContext.forward(bad);
            assertThat(fresh).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(TraceContext.traceId(fresh)).isNotNull();
        }
    }

    @Test
    void identityHeadersAreStrippedAndOrdinaryOnesKept() {
        for (String h : new String[] {"Authorization", "X-Truffle-Company-Id", "x-truffle-anything", "X-Forwarded-User",
                "X-Internal-Principal", "X-Request-Id", "Cookie", "X-Forwarded-For", "X-Auth-Request-Email"}) {
            assertThat(ForwardingPolicy.strips(h)).as(h).isTrue();
        }
        for (String h : new String[] {"Content-Type", "Accept", "Content-Length", "Idempotency-Key", "tracestate", "User-Agent"}) {
            assertThat(ForwardingPolicy.strips(h)).as(h).isFalse();
        }
    }

    @Test
    void usageIsCountedExactlyWhileItIsDrainedConcurrently() throws Exception {
        UsageTally tally = new UsageTally();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 100_000; i++) {
                    tally.record("k" + (i % 5), "acme", 1_000 + i);
                }
            }));
        }
        long total = 0;
        boolean done = false;
        while (!done) {
            done = writers.stream().allMatch(Future::isDone);
            for (KeyUsage u : tally.drain()) {
                total += u.count();
            }
        }
        for (KeyUsage u : tally.drain()) {
            total += u.count();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(total).isEqualTo(300_000);
    }

    @Test
    void unpublishedUsageGoesBackAndMerges() {
        UsageTally tally = new UsageTally();
        tally.record("k1", "acme", 2_000);
        List<KeyUsage> first = tally.drain();
        tally.record("k1", "acme", 5_000);
        tally.restore(first);
        List<KeyUsage> merged = tally.drain();
        assertThat(merged).containsExactly(new KeyUsage("k1", "acme", 2, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(5_000)));
        assertThat(tally.pendingKeys()).isZero();
    }
}
