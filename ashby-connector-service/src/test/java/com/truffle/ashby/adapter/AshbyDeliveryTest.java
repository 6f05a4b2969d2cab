package com.truffle.ashby.adapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.truffle.ashby.support.AshbyUpdates;
import com.truffle.ashby.support.AshbyWireMock;
import com.truffle.ashby.support.Fixtures;
import com.truffle.ashby.support.Fixtures.Admin;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Results back to Ashby (DESIGN §7 flows 4-7): the wire format field by field, retries with backoff and connection
 * health, no retry on a rejected key, order per assessment, companies kept apart, nothing lost.
 * Test settings: backoff 100 ms doubling to 800 ms, 2 s per call, leases of 5 s.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(AshbyWireMock.class)
class AshbyDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CARD = "/v1/integrations/ashby";

    /** A connected company, its Ashby key and one started assessment (with a screening id for its events). */
    record Scene(Admin admin, String ashbyKey, String jobId, String assessmentId, String screeningId) {
        String company() {
            return admin.company();
        }

        ObjectNode screening() {
            return Fixtures.screening(company(), screeningId, assessmentId);
        }
    }

    static Scene scene() {
        return scene(Fixtures.ashbyKey());
    }

    static Scene scene(String ashbyKey) {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.connected(admin, ashbyKey);
        String job = UUID.randomUUID().toString();
        Fixtures.position(admin.company(), job, "Backend Engineer", "OPEN");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(InternalTokens.partnerAshby(admin.company()))
                .contentType(ContentType.JSON).body("{}").post("/partners/ashby/assessment.list")
                .then().body("results.assessment_type_id", org.hamcrest.Matchers.hasItem(job)));
        String assessment = Fixtures.start(admin.company(), job, "cand+" + admin.company() + "@example.com", UUID.randomUUID().toString());
        return new Scene(admin, ashbyKey, job, assessment, UUID.randomUUID().toString());
    }

    /** Ashby answers this company's key (and, when given, only bodies containing {@code bodyPart}) with {@code answer}. */
    static StubMapping ashbyAnswers(String key, String bodyPart, ResponseDefinitionBuilder answer) {
        var request = post(urlEqualTo("/assessment.update")).atPriority(1).withHeader("Authorization", WireMock.equalTo(AshbyWireMock.basic(key)));
        if (bodyPart != null) {
            request = request.withRequestBody(containing(bodyPart));
        }
        return AshbyWireMock.ashby().stubFor(request.willReturn(answer));
    }

    static void started(Scene s) {
        ObjectNode e = s.screening().put("started_at", Instant.now().toString());
        Fixtures.screeningEvent("ScreeningStarted", e);
    }

    static void completed(Scene s, Instant completedAt) {
        ObjectNode e = s.screening().put("score", 78).put("started_at", completedAt.minusSeconds(2520).toString())
                .put("completed_at", completedAt.toString()).put("duration_seconds", 2520).put("occurred_at", completedAt.toString());
        var scores = e.putArray("scores");
        scores.addObject().put("question_id", "q-1").put("prompt", "Explain how Kafka keeps order per key.").put("score", 100);
        scores.addObject().put("question_id", "q-2").put("prompt", "What is a transactional outbox?").put("score", 67);
        scores.addObject().put("question_id", "q-3").put("prompt", "  ").put("score", 67.5);
        Fixtures.screeningEvent("ScreeningCompleted", e);
    }

    static void cardIs(Scene s, String status) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(s.admin().token()).get(CARD)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    static List<Map<String, Object>> deliveries(Scene s) {
        return TestDatabase.query("select status, attempts, last_error from ashby_delivery where assessment_id = ?::uuid order by id",
                s.assessmentId());
    }

    @Test
    void startedAndCompletedReachAshbyExactlyInItsWireFormat() {
        Scene s = scene();
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("last_activity_at", notNullValue());
        Fixtures.screeningEvent("ScreeningInvited", s.screening().put("candidate_email", "x@example.com")
                .put("expires_at", Instant.now().plusSeconds(3600).toString()));
        started(s);
        completed(s, Instant.now());

        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 2);
        List<ServeEvent> calls = AshbyUpdates.calls(s.assessmentId());
        assertThat(calls).hasSize(2);
        for (ServeEvent call : calls) {
            var r = call.getRequest();
            assertThat(r.getHeader("Authorization")).isEqualTo(AshbyWireMock.basic(s.ashbyKey()));
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
            assertThat(r.getHeader("Accept")).isEqualTo("application/json; version=1");
            assertThat(r.getHeader("User-Agent")).startsWith("Truffle-Ashby-Connector/");
            assertThat(AshbyUpdates.violations(AshbyUpdates.body(call))).as(r.getBodyAsString()).isEmpty();
        }
        String profile = AshbyWireMock.PUBLIC_URL + "/screenings/" + s.screeningId();

        JsonNode start = AshbyUpdates.body(calls.get(0));
        assertThat(start.get("assessment_id").asText()).isEqualTo(s.assessmentId());
        assertThat(start.get("timestamp").isIntegralNumber()).isTrue();
        assertThat(start.get("assessment_status")).isEqualTo(Fixtures.tree(
                "{\"identifier\":\"status\",\"label\":\"Status\",\"type\":\"string\",\"value\":\"Started\"}"));
        assertThat(start.get("assessment_profile_url").get("type").asText()).isEqualTo("url");
        assertThat(start.get("assessment_profile_url").get("value").asText()).isEqualTo(profile);
        assertThat(start.has("assessment_result")).isFalse();
        assertThat(start.has("cancelled_reason")).isFalse();

        JsonNode done = AshbyUpdates.body(calls.get(1));
        assertThat(done.get("timestamp").asLong()).as("strictly increasing").isGreaterThan(start.get("timestamp").asLong());
        assertThat(done.get("assessment_status").get("value").asText()).isEqualTo("Completed");
        JsonNode result = done.get("assessment_result");
        assertThat(result.get("type").asText()).isEqualTo("numeric_score");
        assertThat(result.get("value").isNumber()).isTrue();
        assertThat(result.get("value").asInt()).isEqualTo(78);
        assertThat(done.get("assessment_profile_url").get("value").asText()).isEqualTo(profile);
        Map<String, JsonNode> metadata = new java.util.HashMap<>();
        done.get("metadata").forEach(m -> metadata.put(m.get("identifier").asText(), m));
        assertThat(metadata.get("duration").get("type").asText()).isEqualTo("numeric_duration_minutes");
        assertThat(metadata.get("duration").get("value").isNumber()).isTrue();
        assertThat(metadata.get("duration").get("value").asLong()).isEqualTo(42);
        assertThat(metadata.get("max_score").get("value").asInt()).isEqualTo(100);
        assertThat(metadata.get("question_q-1").get("type").asText()).isEqualTo("numeric_score");
        assertThat(metadata.get("question_q-1").get("value").asInt()).isEqualTo(100);
        assertThat(metadata.get("question_q-1").get("label").asText()).isEqualTo("Explain how Kafka keeps order per key.");
        assertThat(metadata.get("question_q-3").get("label").asText()).as("a blank prompt still gets a label").isEqualTo("Question 3");
        assertThat(metadata.get("question_q-3").get("value").asDouble()).isEqualTo(67.5);

        cardIs(s, "CONNECTED");
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("message", nullValue()).body("last_activity_at", notNullValue());
        // Ashby has the call; the outcome is recorded right after it answered
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries(s)).extracting(d -> d.get("status")).containsExactly("DELIVERED", "DELIVERED"));
        assertThat(TestDatabase.query("select status, screening_id from assessment where id = ?::uuid", s.assessmentId()).get(0))
                .containsEntry("status", "COMPLETED").containsEntry("screening_id", s.screeningId());
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 500, 429, 0})
    void whenAshbyFailsResultsAreRetriedWithBackoffTheCardDegradesAndRecoversAndNothingIsLost(int status) {
        Scene s = scene();
        ResponseDefinitionBuilder fault = status == 0
                ? okJson("{\"success\":true,\"results\":{}}").withFixedDelay(3000) // longer than the 2 s per call: a timeout
                : aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"errorInfo\":{\"code\":\"unavailable\"}}");
        StubMapping failing = ashbyAnswers(s.ashbyKey(), null, fault);
        started(s);

        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.calls(s.assessmentId()).size() >= 4);
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("status", equalTo("DEGRADED"))
                .body("message", containsString(status == 0 ? "no answer" : "HTTP " + status));
        assertThat(deliveries(s).get(0)).containsEntry("status", "PENDING");

        // backoff: the n-th retry waits at least half of min(800 ms, 100 ms * 2^(n-1)) after the previous answer
        List<ServeEvent> calls = AshbyUpdates.calls(s.assessmentId());
        for (int n = 1; n < calls.size(); n++) {
            long floor = Math.min(800, 100L << (n - 1)) / 2;
            long gap = calls.get(n).getRequest().getLoggedDate().getTime() - calls.get(n - 1).getRequest().getLoggedDate().getTime();
            assertThat(gap).as("gap before attempt %d", n + 1).isGreaterThanOrEqualTo(floor - 5);
        }

        AshbyWireMock.ashby().removeStub(failing);
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() >= 1);
        cardIs(s, "CONNECTED");
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("message", nullValue());
        assertThat(deliveries(s)).hasSize(1);
        assertThat(deliveries(s).get(0)).containsEntry("status", "DELIVERED");
        if (status != 0) {
            assertThat(AshbyUpdates.accepted(s.assessmentId())).as("delivered exactly once as a success").hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void aRejectedKeyIsNotRetriedTheAdminIsAskedToReconnectAndThenEverythingFlowsInOrder(int status) {
        Scene s = scene();
        ashbyAnswers(s.ashbyKey(), null, aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"errors\":[\"invalid_api_key\"],\"errorInfo\":{\"code\":\"invalid_api_key\"}}"));
        started(s);
        cardIs(s, "ACTION_NEEDED");
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("message", equalTo("Ashby rejected the API key — reconnect"));
        completed(s, Instant.now());
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> AshbyUpdates.calls(s.assessmentId()).size() == 1);
        assertThat(deliveries(s)).extracting(d -> d.get("status")).containsExactly("PENDING", "PENDING");

        String newKey = Fixtures.ashbyKey();
        reconnectWith(s, newKey);

        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 2);
        List<ServeEvent> accepted = AshbyUpdates.accepted(s.assessmentId());
        assertThat(accepted).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo(AshbyWireMock.basic(newKey)));
        assertThat(AshbyUpdates.body(accepted.get(0)).path("assessment_status").path("value").asText()).isEqualTo("Started");
        assertThat(AshbyUpdates.body(accepted.get(1)).has("assessment_result")).isTrue();
        cardIs(s, "CONNECTED");
    }

    @Test
    void successFalseIsAFailureThatIsNotRetriedAndLaterResultsStillGo() {
        Scene s = scene();
        ashbyAnswers(s.ashbyKey(), "\"Started\"", okJson(
                "{\"success\":false,\"errors\":[\"invalid_input\"],\"errorInfo\":{\"code\":\"invalid_input\",\"message\":\"Request payload is malformed\"}}"));
        started(s);
        cardIs(s, "DEGRADED");
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("message", containsString("invalid_input"));
        completed(s, Instant.now());
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 1);
        assertThat(AshbyUpdates.calls(s.assessmentId())).hasSize(2);
        // Ashby has the call; the outcome is recorded right after it answered
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries(s)).extracting(d -> d.get("status")).containsExactly("FAILED", "DELIVERED"));
        cardIs(s, "CONNECTED");
    }

    @Test
    void oneAssessmentsUpdatesGoOneAtATimeInOrderWithStrictlyIncreasingTimestamps() {
        Scene s = scene();
        // Started fails twice before Ashby takes it; Completed, already queued, must wait for it
        String scenario = "order-" + s.assessmentId();
        AshbyWireMock.ashby().stubFor(post(urlEqualTo("/assessment.update")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .withHeader("Authorization", WireMock.equalTo(AshbyWireMock.basic(s.ashbyKey()))).withRequestBody(containing("\"Started\""))
                .willReturn(aResponse().withStatus(502)).willSetStateTo("failed-once"));
        AshbyWireMock.ashby().stubFor(post(urlEqualTo("/assessment.update")).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("failed-once")
                .withHeader("Authorization", WireMock.equalTo(AshbyWireMock.basic(s.ashbyKey()))).withRequestBody(containing("\"Started\""))
                .willReturn(aResponse().withStatus(502)).willSetStateTo("failed-twice"));
        Instant startedAt = Instant.now();
        started(s);
        // a completion that claims to be older than the start: its timestamp must still come after the start's
        completed(s, startedAt.minusSeconds(60));

        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 2);
        List<ServeEvent> calls = AshbyUpdates.calls(s.assessmentId());
        List<String> order = new ArrayList<>();
        calls.forEach(c -> order.add(AshbyUpdates.body(c).has("assessment_result") ? "Completed" : "Started:" + c.getResponse().getStatus()));
        assertThat(order).containsExactly("Started:502", "Started:502", "Started:200", "Completed");
        long t1 = AshbyUpdates.body(calls.get(2)).get("timestamp").asLong();
        long t2 = AshbyUpdates.body(calls.get(3)).get("timestamp").asLong();
        assertThat(AshbyUpdates.body(calls.get(0)).get("timestamp").asLong()).as("a retry resends the same update").isEqualTo(t1);
        assertThat(t2).isGreaterThan(t1);
    }

    @Test
    void ashbysOwnCancelIsNeverEchoedBack() {
        Scene s = scene();
        given().auth().oauth2(InternalTokens.partnerAshby(s.company())).contentType(ContentType.JSON)
                .body("{\"assessment_id\":\"" + s.assessmentId() + "\"}").post("/partners/ashby/assessment.cancel").then().statusCode(200);
        Fixtures.screeningEvent("ScreeningCancelled", s.screening().put("reason", "Cancelled in Ashby"));
        // the connector has consumed the cancel when the next event of the same screening (key) is applied
        Fixtures.screeningEvent("ScreeningCancelled", s.screening().put("reason", "Cancelled in Ashby"));
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> AshbyUpdates.calls(s.assessmentId()).isEmpty());
        cardIs(s, "CONNECTED"); // the card stays healthy
    }

    @Test
    void aCancelByTruffleIsReportedOnceWithItsReason() {
        Scene s = scene();
        Fixtures.screeningEvent("ScreeningCancelled", s.screening().put("reason", "Cancelled in Ashby"));
        Fixtures.screeningEvent("ScreeningCancelled", s.screening().put("reason", "Cancelled in Ashby"));
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> AshbyUpdates.calls(s.assessmentId()).size() == 1);
        JsonNode body = AshbyUpdates.body(AshbyUpdates.calls(s.assessmentId()).get(0));
        assertThat(AshbyUpdates.violations(body)).isEmpty();
        assertThat(body.get("cancelled_reason")).isEqualTo(Fixtures.tree(
                "{\"identifier\":\"cancel_reason\",\"label\":\"Cancelled\",\"type\":\"string\",\"value\":\"Cancelled in Ashby\"}"));
        assertThat(body.has("assessment_status")).isFalse();
    }

    @Test
    void oneCompanysFailingAshbyDoesNotHoldUpAnother() {
        Scene failing = scene();
        // slow and failing: each call ties up a delivery slot for most of a second
        ashbyAnswers(failing.ashbyKey(), null, aResponse().withStatus(503).withFixedDelay(700));
        List<Scene> stuck = new ArrayList<>();
        stuck.add(failing);
        for (int i = 0; i < 5; i++) {
            String id = Fixtures.start(failing.company(), failing.jobId(), "c" + i + "+" + failing.company() + "@example.com",
                    UUID.randomUUID().toString());
            stuck.add(new Scene(failing.admin(), failing.ashbyKey(), failing.jobId(), id, UUID.randomUUID().toString()));
        }
        stuck.forEach(AshbyDeliveryTest::started);
        cardIs(failing, "DEGRADED");

        Scene healthy = scene();
        started(healthy);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> AshbyUpdates.accepted(healthy.assessmentId()).size() == 1);
        cardIs(healthy, "CONNECTED");
        given().auth().oauth2(failing.admin().token()).get(CARD).then().body("status", equalTo("DEGRADED"));
        assertThat(TestDatabase.count("select count(*) from ashby_delivery where company_id = ? and status = 'PENDING'",
                failing.company())).isEqualTo(6);
    }

    @Test
    void aPendingResultIsDurableAndAClaimLeftByADeadProcessIsTakenOverAndDeliveredOnce() {
        Scene s = scene();
        // Ashby rejects the key: the update waits in the table, with nothing in flight
        ashbyAnswers(s.ashbyKey(), null, aResponse().withStatus(401));
        started(s);
        cardIs(s, "ACTION_NEEDED");
        Map<String, Object> row = TestDatabase.query("select id, status, body from ashby_delivery where assessment_id = ?::uuid",
                s.assessmentId()).get(0);
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat((String) row.get("body")).as("the update itself is stored, not a reference to it")
                .contains(s.assessmentId()).contains("Started");

        // as a process that claimed it and died mid-call would leave it: leased to someone else for 5 more seconds
        TestDatabase.query("update ashby_delivery set lease_owner = 'ashby-connector:dead', lease_until = now() + interval '5 seconds' "
                + "where id = ? returning id", row.get("id"));
        reconnectWith(s, Fixtures.ashbyKey());
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4))
                .until(() -> AshbyUpdates.calls(s.assessmentId()).size() == 1);
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 1);
        assertThat(deliveries(s).get(0)).containsEntry("status", "DELIVERED");
        cardIs(s, "CONNECTED");
    }

    static void reconnectWith(Scene s, String newKey) {
        Fixtures.Issued regenerated = new Fixtures.Issued(UUID.randomUUID().toString(), "trf_ashby_re" + UUID.randomUUID());
        AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby/regenerate"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + s.admin().token()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.partnerKeyJson(regenerated))));
        given().auth().oauth2(s.admin().token()).contentType(ContentType.JSON).body(Map.of("ashby_api_key", newKey))
                .post(CARD + "/reconnect").then().statusCode(200).body("truffle_key", equalTo(regenerated.secret()));
    }

    @Test
    void ashbysRetryAfterIsHonouredBeyondTheBackoffCapAndRetryNowCutsItShort() {
        Scene s = scene();
        StubMapping pause = ashbyAnswers(s.ashbyKey(), null, aResponse().withStatus(429).withHeader("Retry-After", "600"));
        started(s);
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.calls(s.assessmentId()).size() == 1);
        Awaitility.await().atMost(WAIT).until(() -> ((Number) deliveries(s).get(0).get("attempts")).intValue() == 1);
        double waits = ((Number) TestDatabase.query("select extract(epoch from next_attempt_at - now()) as s from ashby_delivery "
                + "where assessment_id = ?::uuid", s.assessmentId()).get(0).get("s")).doubleValue();
        assertThat(waits).as("Ashby asked for 10 minutes; the backoff cap is 0.8 s here").isBetween(590.0, 600.0);
        cardIs(s, "DEGRADED");
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("can_retry_deliveries", equalTo(true));

        AshbyWireMock.ashby().removeStub(pause);
        given().auth().oauth2(s.admin().token()).post(CARD + "/retry").then().statusCode(200).body("status", equalTo("DEGRADED"));
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 1);
        cardIs(s, "CONNECTED");
        given().auth().oauth2(s.admin().token()).get(CARD).then().body("can_retry_deliveries", equalTo(false));
    }

    @Test
    void aDeliveryFailingForTheGiveUpAgeStopsTheCardAsksTheAdminAndRetryFromTheCardDeliversIt() {
        Scene s = scene();
        StubMapping outage = ashbyAnswers(s.ashbyKey(), null, aResponse().withStatus(503));
        started(s);
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.calls(s.assessmentId()).size() >= 1);
        // it has been failing for 73 hours (the give-up age is 72): the next failure is the last
        assertThat(TestDatabase.query("update ashby_delivery set failing_since = now() - interval '73 hours' "
                + "where assessment_id = ?::uuid and status = 'PENDING' returning id", s.assessmentId())).hasSize(1);
        cardIs(s, "ACTION_NEEDED");
        given().auth().oauth2(s.admin().token()).get(CARD).then()
                .body("message", containsString("72 hours")).body("message", containsString("HTTP 503"))
                .body("can_retry_deliveries", equalTo(true));
        int calls = AshbyUpdates.calls(s.assessmentId()).size();
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> AshbyUpdates.calls(s.assessmentId()).size() == calls);
        assertThat(deliveries(s).get(0)).containsEntry("status", "PENDING"); // kept, not dropped

        AshbyWireMock.ashby().removeStub(outage);
        given().auth().oauth2(s.admin().token()).post(CARD + "/retry").then().statusCode(200)
                .body("status", equalTo("DEGRADED")).body("can_retry_deliveries", equalTo(true));
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 1);
        cardIs(s, "CONNECTED");
    }

    @Test
    void retryIsRefusedWhenOnlyAReconnectCanHelp() {
        Scene s = scene();
        ashbyAnswers(s.ashbyKey(), null, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"errorInfo\":{\"code\":\"unauthenticated\"}}"));
        started(s);
        cardIs(s, "ACTION_NEEDED");
        given().auth().oauth2(s.admin().token()).post(CARD + "/retry").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/ashby-reconnect-required"));
        given().auth().oauth2(new Admin(Fixtures.company()).token()).post(CARD + "/retry").then().statusCode(409)
                .body("type", equalTo("https://docs.truffle.dev/problems/ashby-not-connected"));
    }

    @Test
    void afterADisconnectResultsStop() {
        Scene s = scene();
        ashbyAnswers(s.ashbyKey(), null, aResponse().withStatus(503));
        started(s);
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.calls(s.assessmentId()).size() >= 1);
        AshbyWireMock.keyService().stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + s.admin().token())).willReturn(aResponse().withStatus(204)));
        given().auth().oauth2(s.admin().token()).delete(CARD).then().statusCode(204);
        completed(s, Instant.now());
        Awaitility.await().atMost(WAIT).until(() -> deliveries(s).stream().allMatch(d -> "DISCARDED".equals(d.get("status"))));
        int calls = AshbyUpdates.calls(s.assessmentId()).size();
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> AshbyUpdates.calls(s.assessmentId()).size() == calls);
        assertThat(deliveries(s)).hasSize(1);
    }

    @Test
    void aRedeliveredEventMakesNoSecondUpdateAndScreeningsAshbyDidNotStartAreIgnored() {
        Scene s = scene();
        String payload = s.screening().put("started_at", Instant.now().toString()).toString();
        String ceId = UUID.randomUUID().toString();
        Fixtures.publish("truffle.screening.v1", s.screeningId(), "ScreeningStarted", payload, ceId);
        Fixtures.publish("truffle.screening.v1", s.screeningId(), "ScreeningStarted", payload, ceId);
        Fixtures.publish("truffle.screening.v1", s.screeningId(), "ScreeningStarted", payload);
        Fixtures.screeningEvent("ScreeningStarted", Fixtures.screening(s.company(), UUID.randomUUID().toString(), null));
        Fixtures.screeningEvent("ScreeningStarted", Fixtures.screening(s.company(), UUID.randomUUID().toString(), "not-an-assessment"));
        Fixtures.publish("truffle.screening.v1", s.screeningId(), "ScreeningCompleted", "{not json");
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 1);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> AshbyUpdates.calls(s.assessmentId()).size() == 1);
        assertThat(TestDatabase.count("select count(*) from ashby_delivery where company_id = ?", s.company())).isEqualTo(1);
        // the unreadable record did not block the partition: a later event still arrives
        completed(s, Instant.now());
        Awaitility.await().atMost(WAIT).until(() -> AshbyUpdates.accepted(s.assessmentId()).size() == 2);
    }
}
