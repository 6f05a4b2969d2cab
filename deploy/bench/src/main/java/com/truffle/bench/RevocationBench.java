package com.truffle.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.truffle.deploy.stack.LocalStack;

/**
 * Revocation propagation through the whole stack: a client hammers GET /v1/jobs with a key while its company admin
 * regenerates (or revokes) it; measured is the time from the admin receiving the 200 (204) to the hammering client
 * receiving its first 401. Negative values — the gateway refused the old secret before key-service's answer reached
 * the admin — are reported as they are. {@code deploy/bench/revocation.sh [trials]}.
 */
public final class RevocationBench {

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        try (BenchStack stack = BenchStack.start(root)) {
            System.out.println(Machine.describe());
            System.out.println("upstream: " + stack.upstreamDescription() + "; " + stack.jvmDescription());
            String company = stack.approvedCompany();

            List<Double> regenerate = new ArrayList<>();
            JsonNode key = stack.createKey(company, "READ");
            String keyId = key.path("id").asText();
            String secret = key.path("secret").asText();
            stack.awaitWorking(secret);
            for (int t = 0; t < trials + 5; t++) {
                String old = secret;
                Trial trial = Trial.hammer(stack.gateway(), old);
                HttpResponse<String> r = stack.regenerate(company, keyId);
                long answered = System.nanoTime();
                JsonNode body = BenchStack.expect(r, 200);
                double ms = trial.millisToFirst401(answered);
                if (t >= 5) { // the first few warm the JIT
                    regenerate.add(ms);
                }
                secret = body.path("secret").asText();
                stack.awaitWorking(secret);
            }

            List<Double> revoke = new ArrayList<>();
            for (int t = 0; t < trials + 5; t++) {
                JsonNode k = stack.createKey(company, "READ");
                String s = k.path("secret").asText();
                stack.awaitWorking(s);
                Trial trial = Trial.hammer(stack.gateway(), s);
                HttpResponse<String> r = stack.revoke(company, k.path("id").asText());
                long answered = System.nanoTime();
                BenchStack.expect(r, 204);
                double ms = trial.millisToFirst401(answered);
                if (t >= 5) {
                    revoke.add(ms);
                }
            }

            System.out.println();
            System.out.println("=== revocation propagation (issue 4): admin's 200/204 -> hammering client's first 401 ===");
            print("regenerate", regenerate);
            print("revoke", revoke);
            System.out.println("goal: p99 <= 100 ms (anchors: Kong 5 s, Tyk 15 s, Unkey 30-60 s, Apigee 180 s)");
            System.out.println("of which the gateway's part (key-state record written to Kafka -> applied in its replica), from its /q/metrics:");
            HttpResponse<String> metrics = Trial.HTTP.send(HttpRequest.newBuilder(URI.create(stack.stack.managementUrl(LocalStack.API_GATEWAY) + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            metrics.body().lines().filter(l -> l.startsWith("truffle_gateway_replica_lag_seconds"))
                    .forEach(l -> System.out.println("  " + l));
        }
    }

    private static void print(String what, List<Double> ms) {
        double[] s = Percentiles.sorted(ms);
        System.out.printf(Locale.ROOT, "%-10s trials %d: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, min %.2f ms  -> %s%n",
                what, s.length, Percentiles.of(s, 50), Percentiles.of(s, 90), Percentiles.of(s, 99), s[s.length - 1], s[0],
                Percentiles.of(s, 99) <= 100 ? "goal MET" : "goal NOT MET");
    }

    /** One client sending GET /v1/jobs on a kept-alive connection, one about every millisecond, until it gets a 401. */
    static final class Trial {
        static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final CompletableFuture<Long> first401 = new CompletableFuture<>();
        final AtomicBoolean stop = new AtomicBoolean();

        static Trial hammer(String gateway, String secret) throws Exception {
            Trial trial = new Trial();
            HttpClient http = HTTP;
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/v1/jobs"))
                    .header("Authorization", "Bearer " + secret).timeout(Duration.ofSeconds(10)).GET().build();
            // the key works before the clock starts
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("the key answered " + status + " before the trial");
            }
            Thread t = new Thread(() -> {
                try {
                    while (!trial.stop.get()) {
                        // about a request per millisecond: hammering, with a 1 ms resolution, without a spinning
                        // client stealing a core from the services on a small machine
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                        int s = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (s == 401) {
                            trial.first401.complete(System.nanoTime());
                            return;
                        }
                    }
                } catch (Exception e) {
                    trial.first401.completeExceptionally(e);
                }
            }, "hammer");
            t.setDaemon(true);
            t.start();
            return trial;
        }

        double millisToFirst401(long answeredNanos) throws Exception {
            try {
                long at = first401.get(30, TimeUnit.SECONDS);
                return (at - answeredNanos) / 1e6;
            } finally {
                stop.set(true);
            }
        }
    }

    private RevocationBench() {
    }
}
