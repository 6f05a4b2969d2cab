package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.adminToken;
import static com.truffle.systemtest.Stack.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.truffle.deploy.stack.LocalStack;
import com.truffle.deploy.stack.ashby.AshbySandbox;
import io.restassured.http.ContentType;

/** DESIGN §7 flows 4–7 through the gateway with the local Ashby sandbox, and the connector's restart safety. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AshbyIT {

    static String email() {
        return "grace+" + UUID.randomUUID() + "@example.com";
    }

    @Test
    @Order(1)
    void onATrialPlanTheCardIsLocked() {
        String company = Stack.newCompany();
        Map<String, Object> card = Ashby.card(company);
        assertThat(card).containsEntry("available", false).containsEntry("message", "Available on paid plans");
        gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON).body(Map.of("ashby_api_key", "sandbox_key"))
                .post("/v1/integrations/ashby/connect").then().statusCode(403);
        Platform.setPlan(company, "PAID");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(Ashby.card(company).get("available")));
        assertThat(Ashby.card(company)).containsEntry("status", "NOT_CONNECTED").containsEntry("last_activity_at", null);
        gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON).body(Map.of("ashby_api_key", "bad_key"))
                .post("/v1/integrations/ashby/connect").then().statusCode(422).body("title", equalTo("Ashby rejected this key"));
        // a valid key that cannot write candidates would fail on the first result: refused now, naming the permission
        gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                .body(Map.of("ashby_api_key", AshbySandbox.READ_ONLY_PREFIX + UUID.randomUUID()))
                .post("/v1/integrations/ashby/connect").then().statusCode(422)
                .body("type", equalTo("https://docs.truffle.dev/problems/ashby-key-lacks-permission"))
                .body("missing_permission", equalTo("candidatesWrite"));
        assertThat(Ashby.card(company)).containsEntry("status", "NOT_CONNECTED");
    }

    @Test
    @Order(2)
    void flows4And5HandshakeListStartScreenResultsCancel() {
        String company = Platform.approvedCompany();
        String write = Platform.createKey(company, "WRITE").getString("secret");
        String read = Platform.createKey(company, "READ").getString("secret");
        String jobId = Ashby.job(write, "Data Engineer");

        String ashbyKey = "sandbox_" + UUID.randomUUID();
        String partnerKey = Ashby.connect(company, ashbyKey);
        assertThat(partnerKey).startsWith("trf_ashby_");
        assertThat(Ashby.card(company)).containsEntry("status", "CONNECTED").containsEntry("last_activity_at", null);
        // a partner key works only on the partner routes, and an API key never there (valid, wrong kind: 403)
        gateway().auth().oauth2(partnerKey).get("/v1/jobs").then().statusCode(403)
                .body("required_permission", equalTo("READ")).body("granted_permission", equalTo("PARTNER_ASHBY"));
        gateway().auth().preemptive().basic(read, "").contentType(ContentType.JSON).body("{}")
                .post("/partners/ashby/assessment.list").then().statusCode(403);
        gateway().auth().preemptive().basic("", partnerKey).contentType(ContentType.JSON).body("{}")
                .post("/partners/ashby/assessment.list").then().statusCode(200);

        Ashby.awaitListed(partnerKey, jobId);
        String email = email();
        String applicationId = UUID.randomUUID().toString();
        String assessmentId = Ashby.start(partnerKey, jobId, email, applicationId);
        // Ashby's spec: a start while the application is being assessed is a 409 (no second assessment, no second mail)
        Ashby.as(partnerKey).body(Ashby.startBody(jobId, email, applicationId)).post("/partners/ashby/assessment.start")
                .then().statusCode(409);
        Ashby.as(partnerKey).body(Ashby.startBody(UUID.randomUUID().toString(), email, UUID.randomUUID().toString()))
                .post("/partners/ashby/assessment.start").then().statusCode(422).body("message", org.hamcrest.Matchers.notNullValue());

        // the candidate gets the link by mail, starts: "Started" reaches Ashby; submits: the result reaches Ashby
        String token = Ashby.screenerToken(email);
        Ashby.candidateCompletes(token);
        await().atMost(Duration.ofSeconds(30)).until(() -> Ashby.accepted(assessmentId).size() >= 2);
        List<AshbySandbox.RecordedCall> updates = Ashby.accepted(assessmentId);
        JsonNode started = updates.get(0).body();
        assertThat(started.path("assessment_status").path("value").asText()).isEqualTo("Started");
        assertThat(started.path("assessment_profile_url").path("type").asText()).isEqualTo("url");
        JsonNode result = updates.get(1).body();
        assertThat(result.path("assessment_result").path("type").asText()).isEqualTo("numeric_score");
        assertThat(result.path("assessment_result").path("value").isNumber()).isTrue();
        assertThat(result.path("assessment_result").path("value").asInt()).isEqualTo(100);
        assertThat(result.path("assessment_profile_url").path("value").asText()).isNotBlank();
        assertThat(result.path("metadata").isArray()).isTrue();
        assertThat(result.path("timestamp").asLong()).isGreaterThan(started.path("timestamp").asLong());
        assertThat(updates.get(0).apiKeyLast4()).isEqualTo(ashbyKey.substring(ashbyKey.length() - 4));
        await().atMost(Duration.ofSeconds(10)).until(() -> Ashby.card(company).get("last_activity_at") != null);
        assertThat(Ashby.card(company)).containsEntry("status", "CONNECTED");

        // after completion, the same application can be assessed again: a new assessment and a new invitation
        String again = Ashby.start(partnerKey, jobId, email, applicationId);
        assertThat(again).isNotEqualTo(assessmentId);
        await().atMost(Duration.ofSeconds(30)).until(() -> Stack.get().smtpCatcher().messagesTo(email).size() == 2);

        // flow 5: Ashby cancels another assessment -> the Truffle screening is cancelled, and nothing is echoed back
        String other = email();
        String cancelled = Ashby.start(partnerKey, jobId, other, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway().auth().oauth2(read)
                .get("/v1/screenings?candidate_email={e}", other).then().extract().jsonPath().getList("data").size() == 1);
        Ashby.as(partnerKey).body(Map.of("assessment_id", cancelled)).post("/partners/ashby/assessment.cancel")
                .then().statusCode(200).body("success", equalTo(true)).body("results.assessment_id", equalTo(cancelled));
        Ashby.as(partnerKey).body(Map.of("assessment_id", cancelled)).post("/partners/ashby/assessment.cancel").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> gateway().auth().oauth2(read)
                .get("/v1/screenings?candidate_email={e}", other).then().body("data[0].status", equalTo("CANCELLED")));
        // the connector has applied ScreeningCancelled once its assessment is CANCELLED on the card's company; Ashby got nothing
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> Ashby.sandbox().updates(cancelled).isEmpty());
        assertThat(Ashby.card(company)).containsEntry("status", "CONNECTED");
    }

    @Test
    @Order(3)
    void flows6And7OutageDegradesThenRecoversRejectedKeyNeedsActionReconnectDisconnect() {
        String company = Platform.approvedCompany();
        String write = Platform.createKey(company, "WRITE").getString("secret");
        String jobId = Ashby.job(write, "SRE");
        String partnerKey = Ashby.connect(company, "sandbox_" + UUID.randomUUID());
        Ashby.awaitListed(partnerKey, jobId);

        // flow 6: Ashby answers 503 three times -> retried with backoff, DEGRADED meanwhile, then delivered -> CONNECTED
        String email = email();
        String assessment = Ashby.start(partnerKey, jobId, email, UUID.randomUUID().toString());
        String token = Ashby.screenerToken(email);
        Ashby.sandbox().injectFault(AshbySandbox.ASSESSMENT_UPDATE, 503, 3);
        try {
            gateway().post("/screener/{t}/start", token).then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "DEGRADED".equals(Ashby.card(company).get("status")));
            assertThat((String) Ashby.card(company).get("message")).isNotBlank();
            await().atMost(Duration.ofSeconds(60)).until(() -> Ashby.accepted(assessment).size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> "CONNECTED".equals(Ashby.card(company).get("status")));
        } finally {
            Ashby.sandbox().clearFaults();
        }

        // Ashby rejects the customer's key -> ACTION_NEEDED, not retried
        String rejected = "sandbox_" + UUID.randomUUID();
        String partner2 = gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                .body(Map.of("ashby_api_key", rejected)).post("/v1/integrations/ashby/reconnect")
                .then().statusCode(200).extract().path("truffle_key");
        // flow 7: the old partner key is dead at once, the new one works
        Ashby.as(partnerKey).body("{}").post("/partners/ashby/assessment.list").then().statusCode(401);
        Ashby.as(partner2).body("{}").post("/partners/ashby/assessment.list").then().statusCode(200);
        Ashby.sandbox().revoke(rejected);
        String email2 = email();
        String assessment2 = Ashby.start(partner2, jobId, email2, UUID.randomUUID().toString());
        gateway().post("/screener/{t}/start", Ashby.screenerToken(email2)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTION_NEEDED".equals(Ashby.card(company).get("status")));
        assertThat((String) Ashby.card(company).get("message")).contains("reconnect");
        assertThat(Ashby.accepted(assessment2)).isEmpty();

        // disconnect: partner key revoked, card DISCONNECTED; connecting again later works with a new key
        gateway().auth().oauth2(adminToken(company)).delete("/v1/integrations/ashby").then().statusCode(204);
        assertThat(Ashby.card(company)).containsEntry("status", "DISCONNECTED");
        Ashby.as(partner2).body("{}").post("/partners/ashby/assessment.list").then().statusCode(401);
        String partner3 = Ashby.connect(company, "sandbox_" + UUID.randomUUID());
        assertThat(partner3).isNotEqualTo(partner2);
        Ashby.as(partner3).body("{}").post("/partners/ashby/assessment.list").then().statusCode(200)
                .body("results.assessment_type_id", hasItem(jobId));
    }

    @Test
    @Order(4)
    void resultsPendingWhileTheConnectorIsStoppedAreDeliveredOnceAfterItReturns() {
        String company = Platform.approvedCompany();
        String write = Platform.createKey(company, "WRITE").getString("secret");
        String jobId = Ashby.job(write, "Analyst");
        String partnerKey = Ashby.connect(company, "sandbox_" + UUID.randomUUID());
        Ashby.awaitListed(partnerKey, jobId);
        String email = email();
        String assessment = Ashby.start(partnerKey, jobId, email, UUID.randomUUID().toString());
        String token = Ashby.screenerToken(email);

        LocalStack stack = Stack.get();
        stack.stopService(LocalStack.ASHBY_CONNECTOR_SERVICE);
        try {
            Ashby.candidateCompletes(token);
            // the screening events wait on Kafka; nothing can reach Ashby while the connector is down
            Events.await("truffle.screening.v1", "ScreeningCompleted", v -> v.contains(assessment), Duration.ofSeconds(30));
            assertThat(Ashby.accepted(assessment)).isEmpty();
        } finally {
            stack.startService(LocalStack.ASHBY_CONNECTOR_SERVICE);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Ashby.accepted(assessment).size() >= 2);
        // and it stays at exactly two successes (Started once, the result once, in order): no redelivery after the restart
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> Ashby.accepted(assessment).size() == 2);
        List<AshbySandbox.RecordedCall> accepted = Ashby.accepted(assessment);
        assertThat(accepted).hasSize(2);
        assertThat(accepted.get(0).body().path("assessment_status").path("value").asText()).isEqualTo("Started");
        assertThat(accepted.get(1).body().has("assessment_result")).isTrue();
    }

    @Test
    @Order(5)
    void planLeavesPaidTheCardLocksAndThePartnerKeyStopsBackOnPaidBothReturn() {
        String company = Platform.approvedCompany();
        String partnerKey = Ashby.connect(company, "sandbox_" + UUID.randomUUID());
        Ashby.as(partnerKey).body("{}").post("/partners/ashby/assessment.list").then().statusCode(200);

        Platform.setPlan(company, "TRIAL");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(Ashby.card(company).get("available")));
        assertThat(Ashby.card(company)).containsEntry("message", "Available on paid plans");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Ashby.as(partnerKey).body("{}").post("/partners/ashby/assessment.list").statusCode() == 401);

        Platform.setPlan(company, "PAID");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(Ashby.card(company).get("available")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Ashby.as(partnerKey).body("{}").post("/partners/ashby/assessment.list").statusCode() == 200);
        assertThat(Ashby.card(company)).containsEntry("status", "CONNECTED");
    }
}
