package com.truffle.bench;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.truffle.deploy.net.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * HTTP load on {@code GET /v1/jobs}: screening-service called directly, through nginx doing nothing but forwarding
 * (the yardstick of reference/proxy-anchor.md), and through the gateway with a READ key (format, checksum, HMAC,
 * replica, permission, rate limit, usage, internal JWT, proxy). Same run, same machine, interleaved rounds:
 * <ul>
 *   <li>throughput: {@code wrk -t2 -c50 -d<s>s --latency}, median of the rounds, ratio to direct;</li>
 *   <li>added p50 at low load: {@code wrk -t1 -c1};</li>
 *   <li>added p99 at a paced 1,000 req/s (an open-loop generator: latency from each request's scheduled time).</li>
 * </ul>
 * {@code deploy/bench/http-load.sh [seconds] [rounds]}.
 */
public final class HttpLoadBench {

    /** {@code process}: the proxy under test (null for direct), whose CPU time per request is measured. */
    record Target(String name, String url, String authorization, ProcessHandle process) {
    }

    record WrkResult(double rps, double p50ms, double p99ms, double proxyCpuMicrosPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        // one key drives all the load: its rate limit (default 100/s) must not be what is measured. The bucket is
        // still checked on every request; the gateway inherits this from the launcher's environment.
        if (System.getenv("TRUFFLE_GATEWAY_RATE_LIMIT_PER_SECOND") == null) {
            throw new IllegalStateException("run through http-load.sh (it raises TRUFFLE_GATEWAY_RATE_LIMIT_PER_SECOND/_BURST for the bench key)");
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path root = Path.of(args.length > 2 ? args[2] : ".").toAbsolutePath().normalize();
        int pacedRate = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        Path work = Path.of("target", "http-load").toAbsolutePath();
        Files.createDirectories(work);
        try (BenchStack stack = BenchStack.start(root)) {
            String company = stack.approvedCompany();
            JsonNode key = stack.createKey(company, "READ");
            String secret = key.path("secret").asText();
            stack.awaitWorking(secret);
            String internal = "Bearer " + stack.internalToken(company);

            int nginxPort = Ports.free();
            Process nginx = startNginx(work, nginxPort, stack.stack.servicePort(com.truffle.deploy.stack.LocalStack.SCREENING_SERVICE));
            try {
                ProcessHandle gatewayProcess = ProcessHandle.of(stack.stack.pid(com.truffle.deploy.stack.LocalStack.API_GATEWAY))
                        .orElseThrow();
                List<Target> targets = List.of(
                        new Target("direct", stack.screening() + "/v1/jobs", internal, null),
                        new Target("nginx", "http://127.0.0.1:" + nginxPort + "/v1/jobs", internal, nginx.toHandle()),
                        new Target("gateway", stack.gateway() + "/v1/jobs", "Bearer " + secret, gatewayProcess));
                for (Target t : targets) {
                    int status = status(t);
                    if (status != 200) {
                        throw new IllegalStateException(t.name() + " answered " + status);
                    }
                }
                // long enough for C2 to finish compiling the hot paths (the gateway has the most code on its path)
                System.out.println("warming up (" + targets.size() + " x 30 s)...");
                for (Target t : targets) {
                    wrk(t, 2, 50, 30);
                }
                Map<String, List<WrkResult>> load = new LinkedHashMap<>();
                for (int r = 1; r <= rounds; r++) {
                    for (Target t : targets) {
                        WrkResult w = wrk(t, 2, 50, seconds);
                        load.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(w);
                        System.out.printf(Locale.ROOT, "round %d %-8s %,10.0f req/s  p50 %6.2f ms  p99 %6.2f ms  proxy CPU %s%n", r,
                                t.name(), w.rps(), w.p50ms(), w.p99ms(), t.process() == null ? "-"
                                        : String.format(Locale.ROOT, "%.0f us/request", w.proxyCpuMicrosPerRequest()));
                    }
                }
                Map<String, List<WrkResult>> low = new LinkedHashMap<>();
                // a diagnostic: the gateway answering by itself (401 for a made-up key), i.e. its edge without the proxy leg
                Target denied = new Target("gateway-401", stack.gateway() + "/v1/jobs", "Bearer trf_live_madeup", gatewayProcess);
                for (int r = 1; r <= rounds; r++) {
                    for (Target t : targets) {
                        low.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(wrk(t, 1, 1, 10));
                    }
                    low.computeIfAbsent(denied.name(), n -> new ArrayList<>()).add(wrkAnyStatus(denied, 1, 1, 10));
                }
                Map<String, double[]> paced = new LinkedHashMap<>();
                for (Target t : targets) {
                    paced.put(t.name(), paced(t, pacedRate, seconds));
                }
                report(stack, seconds, rounds, pacedRate, load, low, paced);
            } finally {
                nginx.destroy();
                if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly();
                }
            }
        }
    }

    private static void report(BenchStack stack, int seconds, int rounds, int pacedRate, Map<String, List<WrkResult>> load,
            Map<String, List<WrkResult>> low, Map<String, double[]> paced) {
        double directRps = Percentiles.median(load.get("direct").stream().map(WrkResult::rps).toList());
        double directLowP50 = Percentiles.median(low.get("direct").stream().map(WrkResult::p50ms).toList());
        double directPacedP99 = paced.get("direct")[1];
        System.out.println();
        System.out.println("=== HTTP load, GET /v1/jobs (issue 4) ===");
        System.out.println(Machine.describe() + "; wrk, the services, nginx and this driver share those cores");
        System.out.println("upstream: " + stack.upstreamDescription() + "; " + stack.jvmDescription());
        System.out.println("gateway per-key rate limit for the run: " + System.getenv("TRUFFLE_GATEWAY_RATE_LIMIT_PER_SECOND")
                + "/s (checked on every request, never tripping)");
        System.out.printf(Locale.ROOT, "wrk -t2 -c50 -d%ds --latency, %d interleaved rounds (medians); low load wrk -t1 -c1 -d10s; paced %,d req/s for %d s%n",
                seconds, rounds, pacedRate, seconds);
        System.out.printf(Locale.ROOT, "%-8s %12s %8s %10s %10s %14s %16s %16s %14s%n", "target", "req/s", "ratio", "p50 ms", "p99 ms",
                "low-load p50", "added p50 (us)", "p99 @" + pacedRate + "/s (ms)", "proxy CPU/req");
        for (String name : load.keySet()) {
            double rps = Percentiles.median(load.get(name).stream().map(WrkResult::rps).toList());
            double p50 = Percentiles.median(load.get(name).stream().map(WrkResult::p50ms).toList());
            double p99 = Percentiles.median(load.get(name).stream().map(WrkResult::p99ms).toList());
            double lowP50 = Percentiles.median(low.get(name).stream().map(WrkResult::p50ms).toList());
            double cpu = Percentiles.median(load.get(name).stream().map(WrkResult::proxyCpuMicrosPerRequest).toList());
            System.out.printf(Locale.ROOT, "%-8s %,12.0f %8.3f %10.2f %10.2f %11.3f ms %16.0f %16.2f %14s%n", name, rps, rps / directRps,
                    p50, p99, lowP50, (lowP50 - directLowP50) * 1000, paced.get(name)[1],
                    name.equals("direct") ? "-" : String.format(Locale.ROOT, "%.0f us", cpu));
        }
        System.out.printf(Locale.ROOT, "diagnostic: the gateway answering a made-up key itself (401, nothing forwarded) at low load: p50 %.3f ms%n",
                Percentiles.median(low.get("gateway-401").stream().map(WrkResult::p50ms).toList()));
        double gwRatio = Percentiles.median(load.get("gateway").stream().map(WrkResult::rps).toList()) / directRps;
        double gwAddedP50 = (Percentiles.median(low.get("gateway").stream().map(WrkResult::p50ms).toList()) - directLowP50) * 1000;
        double gwAddedP99 = paced.get("gateway")[1] - directPacedP99;
        // a paced run only says something while the baseline itself keeps up with the rate
        boolean saturated = directPacedP99 > 20;
        System.out.printf(Locale.ROOT, "gateway: ratio %.3f (goal >= 0.5: %s), added p50 %.0f us at low load (goal <= 100: %s), added p99 %s at %,d req/s (goal <= 1 ms at 1,000: %s)%n",
                gwRatio, gwRatio >= 0.5 ? "MET" : "NOT MET", gwAddedP50, gwAddedP50 <= 100 ? "MET" : "NOT MET",
                saturated ? "n/a" : String.format(Locale.ROOT, "%.2f ms", gwAddedP99), pacedRate,
                saturated ? "NOT MEASURABLE: direct itself had p99 " + String.format(Locale.ROOT, "%.0f", directPacedP99)
                        + " ms at this rate (machine saturated)" : gwAddedP99 <= 1 ? "MET" : "NOT MET");
        double nginxRatio = Percentiles.median(load.get("nginx").stream().map(WrkResult::rps).toList()) / directRps;
        System.out.printf(Locale.ROOT, "yardstick: nginx ratio %.3f in this run (anchor: 0.51); gateway / nginx throughput %.2f%n",
                nginxRatio, gwRatio / nginxRatio);
    }

    // ------------------------------------------------------------------ wrk

    static WrkResult wrk(Target t, int threads, int connections, int seconds) throws IOException, InterruptedException {
        return wrk(t, threads, connections, seconds, true);
    }

    static WrkResult wrkAnyStatus(Target t, int threads, int connections, int seconds) throws IOException, InterruptedException {
        return wrk(t, threads, connections, seconds, false);
    }

    static WrkResult wrk(Target t, int threads, int connections, int seconds, boolean only2xx) throws IOException, InterruptedException {
        List<String> cmd = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: " + t.authorization(), t.url());
        long cpuBefore = cpuNanos(t.process());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                out.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        long cpu = cpuNanos(t.process()) - cpuBefore;
        String text = out.toString();
        if (only2xx && text.contains("Non-2xx or 3xx responses")) {
            throw new IllegalStateException(t.name() + " answered errors under load:\n" + text);
        }
        double requests = number(text, "([0-9]+) requests in");
        return new WrkResult(number(text, "Requests/sec:\\s+([0-9.]+)"), millis(text, "50%"), millis(text, "99%"),
                t.process() == null ? 0 : cpu / 1e3 / requests);
    }

    /** CPU time (user + system) of a process so far, from /proc (nginx: its worker children included). */
    static long cpuNanos(ProcessHandle process) {
        if (process == null) {
            return 0;
        }
        long total = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        for (ProcessHandle child : process.children().toList()) {
            total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + " latency in wrk output:\n" + text);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    // ------------------------------------------------------------------ paced load (open loop)

    /** {p50, p99} in ms of requests sent at a fixed rate, each timed from when it was due (no coordinated omission). */
    static double[] paced(Target t, int perSecond, int seconds) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            java.net.URI uri = java.net.URI.create(t.url());
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(64));
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(uri.getPort())
                    .setURI(uri.getPath()).putHeader("Authorization", t.authorization());
            int total = perSecond * seconds;
            int warm = perSecond * 2;
            double[] latencies = new double[total];
            AtomicInteger done = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            CompletableFuture<Void> finished = new CompletableFuture<>();
            long start = System.nanoTime() + 100_000_000L;
            long intervalNanos = 1_000_000_000L / perSecond;
            AtomicInteger next = new AtomicInteger();
            vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                // send every request that is due by now, each stamped with its own due time
                while (next.get() < total + warm && start + next.get() * intervalNanos <= now) {
                    int i = next.getAndIncrement();
                    long due = start + i * intervalNanos;
                    client.request(options).compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode()))
                            .onComplete(ar -> {
                                if (ar.failed() || ar.result() != 200) {
                                    errors.incrementAndGet();
                                }
                                if (i >= warm) {
                                    latencies[i - warm] = (System.nanoTime() - due) / 1e6;
                                }
                                if (done.incrementAndGet() == total + warm) {
                                    finished.complete(null);
                                }
                            });
                }
                if (next.get() >= total + warm) {
                    vertx.cancelTimer(id);
                }
            });
            finished.get(seconds + 60L, TimeUnit.SECONDS);
            if (errors.get() > 0) {
                throw new IllegalStateException(t.name() + ": " + errors.get() + " failed requests in the paced run");
            }
            java.util.Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "paced %-8s %d req/s: p50 %.2f ms, p99 %.2f ms%n", t.name(), perSecond,
                    Percentiles.of(latencies, 50), Percentiles.of(latencies, 99));
            return new double[] {Percentiles.of(latencies, 50), Percentiles.of(latencies, 99)};
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ nginx, the yardstick

    static Process startNginx(Path work, int port, int upstreamPort) throws Exception {
        Path prefix = work.resolve("nginx");
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        // as in reference/proxy-anchor.md: one worker, kept-alive upstream connections, nothing but forwarding
        String conf = """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    upstream app { server 127.0.0.1:%3$d; keepalive 128; }
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://app;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                        }
                    }
                }
                """.formatted(prefix, port, upstreamPort);
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        await("nginx listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("logs/stdout.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return p;
    }

    static int status(Target t) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.url()))
                .header("Authorization", t.authorization()).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpLoadBench() {
    }
}
