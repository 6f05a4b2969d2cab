package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import com.truffle.screening.support.RawReceiver;
import com.truffle.screening.support.RawReceiver.Behaviour;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code POST /v1/webhooks/{id}/test} calls a receiver at the caller's will (issue 12): it holds no database connection
 * while the receiver takes its time, it is rate limited, and the registration answer (with the secret) is never cached.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class WebhookTestDeliveryLimitsTest {

    /** %test truffle.screening.webhooks.timeout. */
    static final long DEADLINE_MILLIS = 2_000;
    /** quarkus.datasource.reactive.max-size (service-kit). */
    static final int POOL = 20;
    static final int PINGS = 24;

    final List<RawReceiver> receivers = new ArrayList<>();
    final ExecutorService callers = Executors.newFixedThreadPool(PINGS);

    @AfterEach
    void stop() throws IOException {
        callers.shutdownNow();
        for (RawReceiver r : receivers) {
            r.close();
        }
    }

    @Test
    void concurrentTestPingsAgainstAStallingReceiverLeaveTheDatabasePoolToOtherCalls() throws Exception {
        RawReceiver stalling = receiver(RawReceiver.start(Behaviour.STALL));
        // 3 companies x 8 webhooks: within the test-delivery limits, more pings at once than the pool has connections
        List<Api> companies = List.of(new Api(), new Api(), new Api());
        List<Api> owners = new ArrayList<>();
        List<String> hooks = new ArrayList<>();
        for (Api company : companies) {
            for (int i = 0; i < PINGS / companies.size(); i++) {
                owners.add(company);
                hooks.add(company.registerWebhook(stalling.url("/stall/" + i), "CandidateAdded").getString("id"));
            }
        }
        Api reader = companies.get(0);
        reader.as(reader.read).get("/v1/jobs").then().statusCode(200);

        long start = System.nanoTime();
        List<Future<Response>> pings = new ArrayList<>();
        for (int i = 0; i < PINGS; i++) {
            Api owner = owners.get(i);
            String hook = hooks.get(i);
            pings.add(callers.submit(() -> given().auth().oauth2(owner.admin).post("/v1/webhooks/{id}/test", hook)));
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> stalling.open() >= POOL);

        // while more pings than the pool has connections wait on the receiver, other calls answer at once
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            reader.as(reader.read).get("/v1/jobs").then().statusCode(200);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("GET /v1/jobs (ms) while %d pings wait", stalling.open())
                    .isLessThan(1_000);
        }
        assertThat(stalling.open()).as("the pings were still waiting on the receiver meanwhile").isGreaterThanOrEqualTo(POOL);

        for (Future<Response> ping : pings) {
            Response answer = ping.get(DEADLINE_MILLIS + 5_000, TimeUnit.MILLISECONDS);
            answer.then().statusCode(200).body("success", equalTo(false));
            assertThat(answer.jsonPath().getString("error")).contains("no complete answer within 2000 ms");
            assertThat(answer.jsonPath().getLong("duration_ms")).isLessThanOrEqualTo(DEADLINE_MILLIS + 700);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("all pings ended by their deadline").isLessThan(DEADLINE_MILLIS + 3_000);
        assertThat(stalling.maxOpen()).as("every ping called at once: none queued for a connection").isEqualTo(PINGS);
        await().atMost(Duration.ofSeconds(3)).until(() -> stalling.ended().size() == PINGS);
    }

    @Test
    void testPingsAreLimitedPerWebhookAndPerCompany() throws Exception {
        RawReceiver receiver = receiver(RawReceiver.start(Behaviour.NO_CONTENT));
        Api company = new Api();
        String first = company.registerWebhook(receiver.url("/1"), "CandidateAdded").getString("id");

        ping(company, first).then().statusCode(200).body("success", equalTo(true)).body("status_code", equalTo(204));
        Response again = ping(company, first);
        again.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/rate-limited")).body("status", equalTo(429));
        assertThat(Long.parseLong(again.header("Retry-After"))).as("Retry-After (s)").isBetween(1L, 10L);
        assertThat(testDeliveries("webhook_id = ?::uuid", first)).as("a refused ping creates nothing").isEqualTo(1);

        // ten per company a minute, whichever webhooks
        for (int i = 2; i <= 10; i++) {
            String hook = company.registerWebhook(receiver.url("/" + i), "CandidateAdded").getString("id");
            ping(company, hook).then().statusCode(200).body("success", equalTo(true));
        }
        String eleventh = company.registerWebhook(receiver.url("/11"), "CandidateAdded").getString("id");
        Response limited = ping(company, eleventh);
        limited.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/rate-limited"));
        assertThat(Long.parseLong(limited.header("Retry-After"))).as("Retry-After (s)").isBetween(1L, 60L);
        assertThat(testDeliveries("company_id = ?", company.company)).isEqualTo(10);
        assertThat(receiver.requests()).hasSize(10);

        // another company has its own budget
        Api other = new Api();
        String theirs = other.registerWebhook(receiver.url("/other"), "CandidateAdded").getString("id");
        ping(other, theirs).then().statusCode(200).body("success", equalTo(true));
    }

    @Test
    void theRegistrationAnswerCarryingTheSecretIsNeverCached() throws Exception {
        RawReceiver receiver = receiver(RawReceiver.start(Behaviour.NO_CONTENT));
        Api company = new Api();
        Response registered = company.as(company.admin)
                .body(java.util.Map.of("url", receiver.url("/hook"), "event_types", List.of("CandidateAdded")))
                .post("/v1/webhooks");
        registered.then().statusCode(201).header("Cache-Control", "no-store").header("Pragma", "no-cache");
        assertThat(registered.jsonPath().getString("secret")).startsWith("whsec_");
    }

    private RawReceiver receiver(RawReceiver r) {
        receivers.add(r);
        return r;
    }

    private static Response ping(Api company, String webhookId) {
        return given().auth().oauth2(company.admin).post("/v1/webhooks/{id}/test", webhookId);
    }

    private static long testDeliveries(String where, Object param) {
        return TestDatabase.count("select count(*) from webhook_delivery where event_type = 'WebhookTest' and " + where, param);
    }
}
