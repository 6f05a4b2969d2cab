package com.truffle.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.deploy.idp.SignedJwt;
import com.truffle.deploy.stack.LocalStack;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The local stack as the benchmarks need it: gateway, key-service, access-request-service, and screening-service
 * (GET /v1/jobs) when it is built — else a minimal Vert.x stand-in on screening-service's port, said so in the
 * output. Plus the steps of a company admin: approved access, a key, regenerate, revoke.
 */
final class BenchStack implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** About the size of the anchor's response (reference/proxy-anchor.md: 357 B of JSON). */
    static final String STUB_JOBS = "{\"data\":[{\"id\":\"7d0e4a52-2f7e-4b0e-9c55-1f7d3c2b9a10\",\"title\":\"Backend engineer\","
            + "\"description\":\"Java, Kafka, PostgreSQL\",\"status\":\"OPEN\",\"question_count\":3,"
            + "\"created_at\":\"2026-11-25T10:00:00Z\",\"updated_at\":\"2026-11-25T10:00:00Z\"},{\"id\":\"b8f1c7a2-5d3e-4f9a-8b6c-2e1d0f9a8b7c\","
            + "\"title\":\"Data analyst\",\"status\":\"OPEN\",\"question_count\":2}],\"next_cursor\":null}";

    static final List<String> JVM_OPTIONS = jvmOptions();

    /** BENCH_JFR_DIR=<dir>: each service also records a JFR profile there (to see where a service spends its CPU). */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        String jfr = System.getenv("BENCH_JFR_DIR");
        if (jfr != null && !jfr.isBlank()) {
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr + "/");
        }
        return List.copyOf(options);
    }

    final LocalStack stack;
    final boolean realScreening;
    private final Vertx stubVertx;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final StackCalls calls;

    private BenchStack(LocalStack stack, boolean realScreening, Vertx stubVertx) {
        this.stack = stack;
        this.realScreening = realScreening;
        this.stubVertx = stubVertx;
        this.calls = new StackCalls(stack);
    }

    static BenchStack start(Path root) {
        boolean screening = Files.isRegularFile(root.resolve("screening-service/target/quarkus-app/quarkus-run.jar"));
        List<String> modules = new ArrayList<>(List.of(LocalStack.API_GATEWAY, LocalStack.KEY_SERVICE,
                LocalStack.ACCESS_REQUEST_SERVICE));
        if (screening) {
            modules.add(LocalStack.SCREENING_SERVICE);
        }
        // the dev stack runs services with C1 only (quick start); a benchmark measures them fully compiled (C2)
        LocalStack stack = LocalStack.forTests(root).readinessTimeout(Duration.ofSeconds(180))
                .serviceJvmOptions(JVM_OPTIONS)
                .services(modules.toArray(String[]::new)).start();
        Vertx vertx = null;
        if (!screening) {
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response()
                    .putHeader("Content-Type", "application/json").end(STUB_JOBS));
            server.listen(stack.servicePort(LocalStack.SCREENING_SERVICE), "127.0.0.1").toCompletionStage()
                    .toCompletableFuture().join();
        }
        return new BenchStack(stack, screening, vertx);
    }

    String jvmDescription() {
        return "services run with " + String.join(" ", JVM_OPTIONS) + " (full JIT)";
    }

    String upstreamDescription() {
        return realScreening ? "screening-service (Quarkus, GET /v1/jobs)"
                : "a minimal Vert.x stand-in for screening-service (not built yet) answering GET /v1/jobs with 360 B of JSON";
    }

    String gateway() {
        return stack.gatewayUrl();
    }

    String screening() {
        return stack.serviceUrl(LocalStack.SCREENING_SERVICE);
    }

    String adminToken(String company) {
        return calls.adminToken(company);
    }

    /** Paid, access requested and approved, and key-service knows it (a key can be created). */
    String approvedCompany() throws Exception {
        return calls.approvedCompany();
    }

    JsonNode createKey(String company, String permission) {
        return calls.createKey(company, permission);
    }

    HttpResponse<String> regenerate(String company, String keyId) throws Exception {
        return calls.send("POST", "/v1/api-keys/" + keyId + "/regenerate", adminToken(company), "{}");
    }

    HttpResponse<String> revoke(String company, String keyId) throws Exception {
        return calls.send("DELETE", "/v1/api-keys/" + keyId, adminToken(company), null);
    }

    /** Waits until GET /v1/jobs with this key answers 200 through the gateway. */
    void awaitWorking(String secret) {
        awaitWorking(secret, gateway());
    }

    /** Waits until GET /v1/jobs with this key answers 200 through the gateway replica at {@code gatewayUrl}. */
    void awaitWorking(String secret, String gatewayUrl) {
        await("GET /v1/jobs with a fresh key").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/jobs"))
                        .header("Authorization", "Bearer " + secret).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Another gateway replica of the same stack (same secrets, its own key-state replica), started now. */
    LocalStack.GatewayReplica startSecondGateway() {
        return stack.startGatewayReplica();
    }

    /** An internal JWT as the gateway would sign it, for calling screening-service directly (the baseline). */
    String internalToken(String company) throws Exception {
        String pem = Files.readString(stack.secrets().internalJwtPrivateKey());
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return SignedJwt.issuedBy("truffle-gateway").audience("screening-service").subject("api-key:bench")
                .claim("principal", "api-key:bench").claim("company_id", company).groups(List.of("READ")).validFor(7200)
                .sign(key, null);
    }

    HttpResponse<String> send(String method, String path, String bearer, String body) throws IOException, InterruptedException {
        return calls.send(method, path, bearer, body);
    }

    static JsonNode expect(HttpResponse<String> r, int status) throws IOException {
        return StackCalls.expect(r, status);
    }

    @Override
    public void close() {
        if (stubVertx != null) {
            stubVertx.close().toCompletionStage().toCompletableFuture().join();
        }
        stack.close();
    }
}
