package com.truffle.gateway.adapter.in.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.truffle.gateway.support.FakeService;
import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** What every caller sees at the edge besides permissions: ids, tracing, 404s, limits, streaming, sessions, outages. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class EdgeBehaviourTest {

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void everyAnswerCarriesOneRequestIdAndTheServiceGetsTheSame() {
        TestApiKey read = Replica.admit(TestApiKey.live("edge-co", "READ"));
        // gateway-made answers: 404, 401, 403 and Quarkus' own API docs
        for (Response r : List.of(
                given().get("/nowhere"),
                given().get("/v1/jobs"),
                given().header("Authorization", read.bearer()).post("/v1/jobs"),
                given().get("/q/openapi"))) {
            assertThat(r.headers().getValues("X-Request-Id")).hasSize(1);
            assertThat(r.header("X-Request-Id")).matches(UUID_SHAPE);
        }
        given().get("/v1/jobs").then().body("request_id", matchesPattern(UUID_SHAPE));

        // a forwarded answer: the service received the gateway's id and the client gets it exactly once
        Response ok = given().header("Authorization", read.bearer()).get("/v1/jobs");
        ok.then().statusCode(200);
        String id = ok.header("X-Request-Id");
        assertThat(ok.headers().getValues("X-Request-Id")).containsExactly(id);
        assertThat(GatewayTestResource.screeningService().withRequestId(id)).hasSize(1);

        // a caller's own well-formed id is kept end to end; a malformed one is replaced
        given().header("X-Request-Id", "client-abc-123").header("Authorization", read.bearer()).get("/v1/jobs")
                .then().statusCode(200).header("X-Request-Id", "client-abc-123");
        assertThat(GatewayTestResource.screeningService().withRequestId("client-abc-123")).hasSize(1);
        given().header("X-Request-Id", "bad id <script>").get("/v1/jobs").then().header("X-Request-Id", matchesPattern(UUID_SHAPE));
    }

    @Test
    void traceContextIsPropagatedWithTheGatewayAsTheParentSpan() {
        TestApiKey read = Replica.admit(TestApiKey.live("edge-co", "READ"));
        String incoming = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String id = "trace-" + UUID.randomUUID();
        given().header("traceparent", incoming).header("tracestate", "vendor=1").header("X-Request-Id", id)
                .header("Authorization", read.bearer()).get("/v1/jobs").then().statusCode(200);
        FakeService.Received r = GatewayTestResource.screeningService().withRequestId(id).get(0);
        assertThat(r.header("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01")
                .doesNotContain("b7ad6b7169203331");
        assertThat(r.header("tracestate")).isEqualTo("vendor=1");

        String fresh = "trace-" + UUID.randomUUID();
        given().header("X-Request-Id", fresh).header("Authorization", read.bearer()).get("/v1/jobs").then().statusCode(200);
        assertThat(GatewayTestResource.screeningService().withRequestId(fresh).get(0).header("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void requestsMatchingNoRouteAre404ProblemsAndNeverForwarded() {
        TestApiKey admin = Replica.admit(TestApiKey.live("edge-co", "ADMIN"));
        String staff = GatewayTestResource.idp().staff("rita");
        record Probe(String method, String path, String auth) {
        }
        for (Probe p : List.of(
                new Probe("GET", "/v1/unknown", admin.bearer()),
                new Probe("POST", "/internal/keys/verify", admin.bearer()),
                new Probe("GET", "/internal/keys/verify", "Bearer " + staff),
                new Probe("DELETE", "/v1/jobs/j-1", admin.bearer()),
                new Probe("GET", "/v1/jobs/", admin.bearer()),
                new Probe("GET", "/v1/jobs/a%2F..%2F..%2Fstaff", admin.bearer()),
                new Probe("GET", "/v1/jobs/j-1/../../../staff/access-requests", "Bearer " + staff),
                new Probe("OPTIONS", "/v1/jobs", admin.bearer()),
                new Probe("GET", "/nothing-here", null))) {
            String id = "nf-" + UUID.randomUUID();
            var request = given().urlEncodingEnabled(false).header("X-Request-Id", id);
            if (p.auth() != null) {
                request.header("Authorization", p.auth());
            }
            request.request(p.method(), p.path()).then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("https://docs.truffle.dev/problems/not-found"))
                    .body("status", equalTo(404)).body("request_id", equalTo(id));
            for (String service : List.of("key-service", "access-request-service", "screening-service", "ashby-connector-service")) {
                assertThat(GatewayTestResource.service(service).withRequestId(id)).as(p.toString()).isEmpty();
            }
        }
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfter() {
        // application.properties (%test): throttled-co keys may send 3 at once, then one per 20 s
        TestApiKey key = Replica.admit(TestApiKey.live("throttled-co", "READ"));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", key.bearer()).get("/v1/jobs").then().statusCode(200);
        }
        Response limited = given().header("Authorization", key.bearer()).get("/v1/jobs");
        limited.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/rate-limited"))
                .body("retry_after_seconds", notNullValue());
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 20L);
        // per key: another key of the same company has its own bucket
        TestApiKey other = Replica.admit(TestApiKey.live("throttled-co", "READ"));
        given().header("Authorization", other.bearer()).get("/v1/jobs").then().statusCode(200);
    }

    @Test
    void wrongKindsOfKeysAreRefusedWithTheReason() {
        TestApiKey partner = Replica.admit(TestApiKey.ashby("edge-co"));
        TestApiKey read = Replica.admit(TestApiKey.live("edge-co", "READ"));
        given().header("Authorization", partner.bearer()).get("/v1/jobs").then().statusCode(403)
                .body("required_permission", equalTo("READ")).body("granted_permission", equalTo("PARTNER_ASHBY"));
        // on Ashby's routes, denials are in Ashby's envelope (DESIGN §4): same status, same facts
        given().auth().preemptive().basic(read.secret(), "").post("/partners/ashby/assessment.list").then().statusCode(403)
                .contentType("application/json").body("success", equalTo(false))
                .body("errors", org.hamcrest.Matchers.contains("insufficient_permission"))
                .body("errorInfo.code", equalTo("insufficient_permission"))
                .body("errorInfo.meta.required_permission", equalTo("PARTNER_ASHBY"))
                .body("errorInfo.meta.granted_permission", equalTo("READ"));
        given().auth().preemptive().basic("trf_ashby_garbage", "").post("/partners/ashby/assessment.list").then().statusCode(401)
                .contentType("application/json").body("success", equalTo(false)).body("errorInfo.code", equalTo("invalid_api_key"))
                .body("errorInfo.requestId", notNullValue());
        given().auth().preemptive().basic("", partner.secret()).post("/partners/ashby/no.such.call").then().statusCode(404)
                .contentType("application/json").body("success", equalTo(false)).body("errorInfo.code", equalTo("not_found"));
        // Ashby may put the key in the password instead
        given().auth().preemptive().basic("", partner.secret()).post("/partners/ashby/assessment.list").then().statusCode(200);
        given().auth().preemptive().basic(read.secret(), "").get("/v1/jobs").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"truffle\"");
        given().post("/partners/ashby/assessment.list").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"truffle-partner\"");
    }

    @Test
    void badSessionsAre401AndASessionWithoutItsCompanyIs403() {
        var idp = GatewayTestResource.idp();
        for (String token : List.of(idp.expired("alice", "edge-co"), idp.forged("alice", "edge-co"), idp.otherIssuer("alice", "edge-co"))) {
            given().header("Authorization", "Bearer " + token).get("/v1/api-keys").then().statusCode(401)
                    .body("type", equalTo("https://docs.truffle.dev/problems/invalid-session"));
        }
        given().header("Authorization", "Bearer " + idp.token("bob", null, List.of("company-admin"))).get("/v1/api-keys")
                .then().statusCode(403);
        given().header("Authorization", "Bearer " + idp.token("carl", "edge-co", List.of("viewer"))).get("/v1/api-keys")
                .then().statusCode(403).body("granted_permission", equalTo("none"));
    }

    @Test
    void aBodyIsStreamedToTheServiceNotBufferedFirst() throws Exception {
        TestApiKey write = Replica.admit(TestApiKey.live("edge-co", "WRITE"));
        FakeService screening = GatewayTestResource.screeningService();
        byte[] chunk = new byte[64 * 1024];
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/candidates HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + write.bearer()
                    + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            writeChunk(out, chunk);
            // the service has the first chunk while the caller has not finished sending: nothing waits for the whole body
            await().atMost(Duration.ofSeconds(10)).until(() -> screening.bodyBytesInFlight() >= chunk.length);
            for (int i = 0; i < 15; i++) {
                writeChunk(out, chunk);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"bytes\":" + 16 * chunk.length);
        }
    }

    @Test
    void connectionsToAServiceAreKeptAliveAndReused() {
        TestApiKey read = Replica.admit(TestApiKey.live("edge-co", "READ"));
        String prefix = "reuse-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 40; i++) {
            given().header("X-Request-Id", prefix + i).header("Authorization", read.bearer()).get("/v1/jobs").then().statusCode(200);
        }
        long connections = GatewayTestResource.screeningService().received().stream()
                .filter(r -> String.valueOf(r.header("X-Request-Id")).startsWith(prefix))
                .mapToInt(FakeService.Received::clientPort).distinct().count();
        assertThat(connections).as("upstream connections for 40 sequential requests").isLessThanOrEqualTo(4);
    }

    @Test
    void aServiceThatCannotBeReachedIsA502Problem() {
        FakeService ashby = GatewayTestResource.ashbyConnector();
        ashby.stop();
        try {
            String id = "down-" + UUID.randomUUID();
            given().header("X-Request-Id", id)
                    .header("Authorization", "Bearer " + GatewayTestResource.idp().companyAdmin("alice", "edge-co"))
                    .get("/v1/integrations/ashby").then().statusCode(502).contentType("application/problem+json")
                    .header("X-Request-Id", id)
                    .body("type", equalTo("https://docs.truffle.dev/problems/upstream-unavailable"))
                    .body("request_id", equalTo(id));
        } finally {
            ashby.restart();
        }
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnlyNeverOnThePublicDoor() {
        given().port(managementPort).get("/q/health/live").then().statusCode(200);
        given().port(managementPort).get("/q/metrics").then().statusCode(200)
                .body(containsString("truffle_gateway_requests_total"));
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/info", "/q/dev-ui", "/q/")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    static java.util.List<Object> audiences(Object aud) {
        return aud instanceof java.util.List<?> list ? java.util.List.copyOf(list) : java.util.List.of(aud);
    }

    @Test
    void eachServiceGetsATokenAddressedToItAndASessionTokenForAnotherAudienceIsRefused() {
        TestApiKey read = com.truffle.gateway.support.Replica.admit(TestApiKey.live("aud-co", "READ"));
        String id = "aud-" + UUID.randomUUID();
        given().header("X-Request-Id", id).header("Authorization", read.bearer()).get("/v1/jobs").then().statusCode(200);
        assertThat(audiences(GatewayTestResource.screeningService().withRequestId(id).get(0).claims().get("aud")))
                .containsExactly("screening-service");
        String admin = "aud-admin-" + UUID.randomUUID();
        given().header("X-Request-Id", admin).auth().oauth2(GatewayTestResource.idp().companyAdmin("alice", "aud-co"))
                .get("/v1/integrations/ashby").then().statusCode(200);
        // the connector asks key-service for the partner key on the admin's behalf with this very token
        assertThat(audiences(GatewayTestResource.ashbyConnector().withRequestId(admin).get(0).claims().get("aud")))
                .containsExactly("ashby-connector-service", "key-service");
        given().auth().oauth2(GatewayTestResource.idp().forAudience("alice", "aud-co", "some-other-api"))
                .get("/v1/integrations/ashby").then().statusCode(401);
    }

    @Test
    void readinessReportsTheReplicaAndPublicRoutesNeedNoCredential() {
        given().port(managementPort).get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("key-state replica"))
                .body("checks.find { it.name == 'key-state replica' }.status", equalTo("UP"));
        String id = "public-" + UUID.randomUUID();
        given().header("X-Request-Id", id).header("Authorization", "Bearer whatever").post("/screener/tok-123/start")
                .then().statusCode(200);
        assertThat(GatewayTestResource.screeningService().withRequestId(id).get(0).header("Authorization")).isNull();
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRouteTable() {
        var doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        var apiRoutes = com.truffle.gateway.domain.routing.GatewayRoutes.table().routes().stream()
                .filter(r -> r.access().credential() != com.truffle.gateway.domain.routing.CredentialType.BROWSER).toList();
        for (var route : apiRoutes) {
            String op = "paths.'" + route.path() + "'." + route.method().name().toLowerCase();
            assertThat(doc.getString(op + ".summary")).as(route.name()).isEqualTo(route.name());
        }
        // the pages are for people in browsers, not part of the API document
        assertThat(doc.getMap("paths")).hasSize((int) apiRoutes.stream().map(r -> r.path().toString()).distinct().count());
        assertThat(doc.getString("paths.'/v1/jobs'.post.security[0].apiKey")).isNotNull();
    }

    private static void writeChunk(OutputStream out, byte[] chunk) throws java.io.IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readResponse(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) > 0;) {
            sb.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            if (sb.indexOf("\r\n\r\n") > 0 && sb.toString().contains("}")) {
                break;
            }
        }
        return sb.toString();
    }
}
