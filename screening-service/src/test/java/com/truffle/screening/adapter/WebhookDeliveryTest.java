package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Webhooks against a real HTTP receiver (the JDK's server on a free port). */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class WebhookDeliveryTest {

    record Received(String path, String signature, String eventId, String eventType, String body, int answered) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger flakyFailuresLeft = new AtomicInteger(2);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            int status = switch (path) {
                case "/flaky" -> flakyFailuresLeft.getAndDecrement() > 0 ? 500 : 200;
                case "/down" -> 503;
                default -> 204;
            };
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("Truffle-Signature"),
                    exchange.getRequestHeaders().getFirst("Truffle-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Truffle-Event-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    JsonPath register(Api api, String path, String... types) {
        return api.as(api.admin).body(java.util.Map.of("url", url(path), "event_types", List.of(types), "description", "test"))
                .post("/v1/webhooks").then().statusCode(201).body("secret", notNullValue())
                .body("status", equalTo("ACTIVE")).extract().jsonPath();
    }

    @Test
    void signedDeliveriesAreRetriedWithBackoffUntilTheyAndNothingSucceedsTwice() throws Exception {
        Api api = new Api();
        JsonPath hook = register(api, "/flaky", "CandidateAdded", "ScreeningInvited");
        String secret = hook.getString("secret");
        String webhookId = hook.getString("id");
        given().auth().oauth2(api.admin).get("/v1/webhooks").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].secret", org.hamcrest.Matchers.nullValue())
                .body("data[0].event_types", org.hamcrest.Matchers.contains("CandidateAdded", "ScreeningInvited"));
        // at rest the signing secret is sealed (AES-GCM): the table never holds it in clear
        String stored = (String) TestDatabase.query("select secret from webhook where id = ?::uuid", webhookId).get(0).get("secret");
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));

        String candidate = api.createCandidate(Api.email());
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(r -> r.answered() == 200));

        List<Received> first = received.stream().filter(r -> "CandidateAdded".equals(r.eventType())).toList();
        assertThat(first).hasSize(3).extracting(Received::answered).containsExactly(500, 500, 200);
        assertThat(first).extracting(Received::eventId).containsOnly(first.get(0).eventId());
        for (Received r : first) {
            assertThat(verify(secret, r)).as("signature verifies: " + r.signature()).isTrue();
        }
        JsonNode body = JSON.readTree(first.get(0).body());
        assertThat(body.get("type").asText()).isEqualTo("CandidateAdded");
        assertThat(body.get("id").asText()).isEqualTo(first.get(0).eventId());
        EventContracts.own().assertValid("CandidateAdded", body.get("data").toString());
        assertThat(body.get("data").get("candidate_id").asText()).isEqualTo(candidate);
        assertThat(verify("not-the-secret", first.get(0))).isFalse();

        // a second event goes through at once; by then the first must still have succeeded exactly once
        String second = api.createCandidate(Api.email());
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                .filter(r -> r.body().contains(second) && r.answered() == 200).count() == 1);
        assertThat(received.stream().filter(r -> r.eventId().equals(first.get(0).eventId()) && r.answered() == 200)).hasSize(1);

        JsonPath deliveries = given().auth().oauth2(api.admin).get("/v1/webhooks/{id}/deliveries", webhookId)
                .then().statusCode(200).extract().jsonPath();
        List<java.util.Map<String, Object>> data = deliveries.getList("data");
        var firstDelivery = data.stream().filter(d -> first.get(0).eventId().equals(d.get("event_id"))).findFirst().orElseThrow();
        assertThat(firstDelivery.get("status")).isEqualTo("SUCCEEDED");
        assertThat((List<?>) firstDelivery.get("attempts")).hasSize(3);
        assertThat(TestDatabase.count("select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id "
                + "where d.webhook_id = ?::uuid and d.event_id = ?::uuid and a.success", webhookId, first.get(0).eventId())).isEqualTo(1);
        assertThat(TestDatabase.query("select min(a2.attempted_at - a1.attempted_at) as gap from webhook_attempt a1 "
                + "join webhook_attempt a2 on a2.delivery_id = a1.delivery_id and a2.attempt_no = a1.attempt_no + 1 "
                + "join webhook_delivery d on d.id = a1.delivery_id where d.event_id = ?::uuid", first.get(0).eventId()).get(0).get("gap"))
                .as("retries wait (backoff)").isNotNull();

        // the test-delivery call
        given().auth().oauth2(api.admin).post("/v1/webhooks/{id}/test", webhookId).then().statusCode(200)
                .body("success", equalTo(true)).body("status_code", equalTo(200));
        Received ping = received.stream().filter(r -> "WebhookTest".equals(r.eventType())).findFirst().orElseThrow();
        assertThat(verify(secret, ping)).isTrue();
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAndEveryAttemptIsRecorded() {
        Api api = new Api();
        String webhookId = register(api, "/down", "CandidateAdded").getString("id");
        given().auth().oauth2(api.admin).post("/v1/webhooks/{id}/test", webhookId).then().statusCode(200)
                .body("success", equalTo(false)).body("status_code", equalTo(503));
        api.createCandidate(Api.email());
        api.createCandidate(Api.email());
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().auth().oauth2(api.admin).get("/v1/webhooks")
                .then().body("data[0].status", equalTo("DISABLED")).body("data[0].disabled_reason", notNullValue()));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count(
                "select count(*) from webhook_delivery where webhook_id = ?::uuid and status = 'PENDING'", webhookId) == 0);
        long attempts = TestDatabase.count("select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id "
                + "where d.webhook_id = ?::uuid and d.event_type = 'CandidateAdded'", webhookId);
        assertThat(attempts).as("6 consecutive failures disable it (test config)").isEqualTo(6);
        assertThat(received.stream().filter(r -> r.path().equals("/down") && !"WebhookTest".equals(r.eventType()))).hasSize(6);
        int before = received.size();
        api.createCandidate(Api.email());
        assertThat(TestDatabase.count("select count(*) from webhook_delivery where webhook_id = ?::uuid", webhookId))
                .as("a disabled endpoint gets no new deliveries").isEqualTo(3);
        assertThat(received).hasSize(before);

        given().auth().oauth2(api.admin).delete("/v1/webhooks/{id}", webhookId).then().statusCode(204);
        given().auth().oauth2(api.admin).delete("/v1/webhooks/{id}", webhookId).then().statusCode(404);
        given().auth().oauth2(api.admin).get("/v1/webhooks").then().body("data", hasSize(0));
    }

    static boolean verify(String secret, Received r) throws Exception {
        String t = null;
        String v1 = null;
        for (String part : r.signature().split(",")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals("t")) {
                t = kv[1];
            } else if (kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        return java.security.MessageDigest.isEqual(expected.getBytes(), v1.getBytes());
    }
}
