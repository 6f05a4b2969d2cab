package com.truffle.ashby.adapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.truffle.ashby.support.AshbyWireMock;
import com.truffle.ashby.support.Fixtures;
import com.truffle.ashby.support.Fixtures.Admin;
import com.truffle.ashby.support.Fixtures.Issued;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.KafkaProbe;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The integration card and the key handshake (DESIGN §4a, §7 flows 4 and 7), with WireMock as Ashby and key-service. */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(AshbyWireMock.class)
class AshbyCardApiTest {

    static final String CARD = "/v1/integrations/ashby";

    /** A refused connect asked key-service for nothing, and the card still says so. */
    static void nothingWasIssued(Admin admin) {
        AshbyWireMock.keyService().verify(0, postRequestedFor(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token())));
        given().auth().oauth2(admin.token()).get(CARD).then().body("status", equalTo("NOT_CONNECTED"));
    }

    static List<LoggedRequest> apiKeyInfoCalls(String ashbyKey) {
        return AshbyWireMock.ashby().findAll(postRequestedFor(urlEqualTo("/apiKey.info"))
                .withHeader("Authorization", WireMock.equalTo(AshbyWireMock.basic(ashbyKey))));
    }

    static io.restassured.response.ValidatableResponse connect(Admin admin, String ashbyKey) {
        return given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("ashby_api_key", ashbyKey))
                .post(CARD + "/connect").then();
    }

    @Test
    void onATrialPlanTheCardIsLockedAndConnectIsRefused() {
        Admin admin = new Admin(Fixtures.company());
        given().auth().oauth2(admin.token()).get(CARD).then().statusCode(200)
                .body("available", equalTo(false)).body("status", equalTo("NOT_CONNECTED"))
                .body("message", equalTo("Available on paid plans"))
                .body("$", hasKey("last_activity_at")).body("last_activity_at", nullValue());
        String key = Fixtures.ashbyKey();
        connect(admin, key).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/paid-plan-required"))
                .body("detail", containsString("Available on paid plans"));
        assertThat(apiKeyInfoCalls(key)).as("a trial company's key is not even sent to Ashby").isEmpty();
    }

    @Test
    void connectChecksTheKeyWithAshbyIssuesThePartnerKeyOnTheAdminsBehalfAndShowsItOnce() throws Exception {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        given().auth().oauth2(admin.token()).get(CARD).then().statusCode(200)
                .body("available", equalTo(true)).body("status", equalTo("NOT_CONNECTED")).body("message", nullValue());
        Issued issued = Fixtures.keyServiceIssues(admin);
        String key = Fixtures.ashbyKey();

        connect(admin, key).statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("status", equalTo("CONNECTED")).body("truffle_key", equalTo(issued.secret()));

        // apiKey.info exactly as Ashby documents it: Basic with the key as username and an empty password
        List<LoggedRequest> checks = apiKeyInfoCalls(key);
        assertThat(checks).hasSize(1);
        LoggedRequest check = checks.get(0);
        assertThat(check.getHeader("Accept")).isEqualTo("application/json; version=1");
        assertThat(check.getHeader("Content-Type")).startsWith("application/json");
        assertThat(check.getHeader("User-Agent")).contains("Truffle");
        assertThat(Fixtures.JSON.readTree(check.getBodyAsString())).isEqualTo(Fixtures.JSON.createObjectNode());

        // key-service was called with the admin's own token, untouched
        AshbyWireMock.keyService().verify(1, postRequestedFor(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token())));

        // validating the key is not activity; the secret is not shown again
        given().auth().oauth2(admin.token()).get(CARD).then().statusCode(200)
                .body("available", equalTo(true)).body("status", equalTo("CONNECTED")).body("message", nullValue())
                .body("last_activity_at", nullValue()).body(not(containsString(issued.secret())));

        // stored encrypted: neither the Ashby key nor anything like it in clear
        Map<String, Object> row = TestDatabase.query("select * from ashby_connection where company_id = ?", admin.company()).get(0);
        byte[] sealed = (byte[]) row.get("ashby_key_sealed");
        assertThat(sealed).hasSize(2 + 12 + key.length() + 16); // version, key id, nonce, ciphertext, tag
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(key).doesNotContain(key.substring(6, 20));
        assertThat(row.toString()).doesNotContain(key).doesNotContain(issued.secret());
        assertThat(row.get("partner_key_id")).isEqualTo(issued.id());

        try (KafkaProbe probe = KafkaProbe.topic("truffle.ashby.v1")) {
            ConsumerRecord<String, String> event = probe.awaitType("AshbyConnected", admin.company(), Duration.ofSeconds(20));
            EventContracts.own().assertValid("AshbyConnected", event.value());
            JsonNode payload = Fixtures.JSON.readTree(event.value());
            assertThat(payload.path("partner_key_id").asText()).isEqualTo(issued.id());
            assertThat(KafkaProbe.header(event, "ce_source")).isEqualTo("urn:truffle:ashby-connector-service");
            assertThat(event.value()).doesNotContain(issued.secret()).doesNotContain(key);
        }

        connect(admin, Fixtures.ashbyKey()).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/ashby-already-connected"));
    }

    @Test
    void aValidKeyWithoutApiKeysReadIsAccepted() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        Fixtures.keyServiceIssues(admin);
        String key = "noperm_" + Fixtures.ashbyKey();
        AshbyWireMock.keyInfoAnswers(key, aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(
                        "{\"success\":false,\"errors\":[\"missing_endpoint_permission\"],\"errorInfo\":{\"code\":\"missing_endpoint_permission\","
                                + "\"message\":\"The API key does not have the apiKeysRead permission\"}}"));
        connect(admin, key).statusCode(200).body("status", equalTo("CONNECTED"));
    }

    @Test
    void aKeyWhoseScopesCannotWriteCandidatesIsRefusedAtConnectNamingThePermission() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        String key = Fixtures.ashbyKey();
        AshbyWireMock.keyInfoAnswers(key, okJson("{\"success\":true,\"results\":{\"title\":\"Read-only\",\"createdAt\":\"2026-11-25T10:00:00.000Z\","
                        + "\"scopes\":[\"jobs:read\",\"candidates:read\"]}}"));
        connect(admin, key).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/ashby-key-lacks-permission"))
                .body("missing_permission", equalTo("candidatesWrite"))
                .body("detail", containsString("candidatesWrite"))
                .body("errors.field", hasItem("ashby_api_key"))
                .body(not(containsString(key)));
        nothingWasIssued(admin);
    }

    @Test
    void aKeyWithTheWriteScopeOrWithoutListedScopesConnects() {
        for (String results : List.of("\"scopes\":[\"candidatesWrite\"]", "\"scopes\":[\"candidates:*\"]", "\"title\":\"older spec\"")) {
            Admin admin = new Admin(Fixtures.company());
            Fixtures.paid(admin.company());
            Fixtures.keyServiceIssues(admin);
            String key = Fixtures.ashbyKey();
            AshbyWireMock.keyInfoAnswers(key, okJson("{\"success\":true,\"results\":{" + results + "}}"));
            connect(admin, key).statusCode(200).body("status", equalTo("CONNECTED"));
        }
    }

    @Test
    void aKeyAshbyRejectsIsRefusedWithAProblemAndNothingIsIssued() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        String unauthenticated = Fixtures.ashbyKey();
        String deactivated = Fixtures.ashbyKey();
        AshbyWireMock.keyInfoAnswers(unauthenticated, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"errorInfo\":{\"code\":\"unauthenticated\",\"message\":\"Missing API key\"}}"));
        AshbyWireMock.keyInfoAnswers(deactivated, aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"errors\":[\"invalid_api_key\"],\"errorInfo\":{\"code\":\"invalid_api_key\"}}"));
        for (String key : List.of(unauthenticated, deactivated)) {
            connect(admin, key).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://docs.truffle.dev/problems/ashby-key-rejected"))
                    .body("title", equalTo("Ashby rejected this key"))
                    .body("errors.field", hasItem("ashby_api_key"))
                    .body(not(containsString(key)));
        }
        nothingWasIssued(admin);
    }

    @Test
    void ashbyNotAnsweringWhileCheckingIsABadGateway() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        String key = Fixtures.ashbyKey();
        AshbyWireMock.keyInfoAnswers(key, aResponse().withStatus(503));
        connect(admin, key).statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/ashby-unavailable"));
        given().auth().oauth2(admin.token()).get(CARD).then().body("status", equalTo("NOT_CONNECTED"));
    }

    @Test
    void reconnectIssuesANewKeyAndDisconnectRevokesItAndConnectingAgainWorks() {
        Admin admin = new Admin(Fixtures.company());
        String key = Fixtures.ashbyKey();
        Fixtures.connected(admin, key);
        Issued regenerated = new Issued(java.util.UUID.randomUUID().toString(), "trf_ashby_regenerated" + admin.company());
        AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby/regenerate"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.partnerKeyJson(regenerated))));

        // no body: the stored key is checked again (it decrypts) and kept
        given().auth().oauth2(admin.token()).post(CARD + "/reconnect").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("status", equalTo("CONNECTED")).body("truffle_key", equalTo(regenerated.secret()));
        assertThat(apiKeyInfoCalls(key)).hasSize(2);
        AshbyWireMock.keyService().verify(1, postRequestedFor(urlEqualTo("/internal/partner-keys/ashby/regenerate"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token())));

        // with a new Ashby key: that one is checked and stored
        String newKey = Fixtures.ashbyKey();
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(Map.of("ashby_api_key", newKey))
                .post(CARD + "/reconnect").then().statusCode(200).body("truffle_key", equalTo(regenerated.secret()));
        assertThat(apiKeyInfoCalls(newKey)).hasSize(1);

        AshbyWireMock.keyService().stubFor(delete(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token())).willReturn(aResponse().withStatus(204)));
        given().auth().oauth2(admin.token()).delete(CARD).then().statusCode(204);
        AshbyWireMock.keyService().verify(1, deleteRequestedFor(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token())));
        given().auth().oauth2(admin.token()).get(CARD).then().statusCode(200)
                .body("status", equalTo("DISCONNECTED")).body("message", notNullValue());
        assertThat(TestDatabase.query("select ashby_key_sealed from ashby_connection where company_id = ?", admin.company())
                .get(0).get("ashby_key_sealed")).as("the stored Ashby key is deleted").isNull();
        given().auth().oauth2(admin.token()).delete(CARD).then().statusCode(204);

        try (KafkaProbe probe = KafkaProbe.topic("truffle.ashby.v1")) {
            EventContracts.own().assertValid("AshbyDisconnected",
                    probe.awaitType("AshbyDisconnected", admin.company(), Duration.ofSeconds(20)).value());
        }

        Issued again = Fixtures.keyServiceIssues(admin);
        connect(admin, Fixtures.ashbyKey()).statusCode(200).body("truffle_key", equalTo(again.secret()));
        given().auth().oauth2(admin.token()).get(CARD).then().body("status", equalTo("CONNECTED")).body("message", nullValue());
    }

    @Test
    void anActivePartnerKeyLeftBehindIsRegeneratedInsteadOfFailingTheConnect() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        Issued regenerated = new Issued(java.util.UUID.randomUUID().toString(), "trf_ashby_after409" + admin.company());
        AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token()))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":409,\"detail\":\"An Ashby partner key is already active.\"}")));
        AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby/regenerate"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.partnerKeyJson(regenerated))));
        connect(admin, Fixtures.ashbyKey()).statusCode(200).body("truffle_key", equalTo(regenerated.secret()));
    }

    @Test
    void keyServicesOwnRefusalIsPassedOnAndItsOutageIsATryAgain() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        var refusing = AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token()))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":403,\"detail\":\"API access is not approved for this company.\"}")));
        connect(admin, Fixtures.ashbyKey()).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/partner-key-refused"))
                .body("detail", equalTo("API access is not approved for this company."));
        AshbyWireMock.keyService().removeStub(refusing);
        AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token())).willReturn(aResponse().withStatus(500)));
        connect(admin, Fixtures.ashbyKey()).statusCode(503).header("Retry-After", notNullValue())
                .body("type", equalTo("https://docs.truffle.dev/problems/key-service-unavailable"));
        given().auth().oauth2(admin.token()).get(CARD).then().body("status", equalTo("NOT_CONNECTED"));
    }

    @Test
    void leavingThePaidPlanLocksTheCard() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.connected(admin, Fixtures.ashbyKey());
        Fixtures.plan(admin.company(), "TRIAL");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin.token()).get(CARD)
                .then().statusCode(200).body("available", equalTo(false)).body("message", equalTo("Available on paid plans")));
        given().auth().oauth2(admin.token()).post(CARD + "/reconnect").then().statusCode(403)
                .body("type", equalTo("https://docs.truffle.dev/problems/paid-plan-required"));
    }

    @Test
    void aRevokedPartnerKeyNeedsTheAdminAndReconnectIssuesAFreshOne() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.connected(admin, Fixtures.ashbyKey());
        String partnerKeyId = (String) TestDatabase.query("select partner_key_id from ashby_connection where company_id = ?",
                admin.company()).get(0).get("partner_key_id");
        Fixtures.publish("truffle.keys.v1", partnerKeyId, "KeyRevoked", Fixtures.JSON.createObjectNode().put("key_id", partnerKeyId)
                .put("company_id", admin.company()).put("kind", "ASHBY").put("permission", "PARTNER_ASHBY")
                .put("occurred_at", java.time.Instant.now().toString()).toString());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin.token()).get(CARD)
                .then().body("status", equalTo("ACTION_NEEDED")).body("message", containsString("reconnect")));

        AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby/regenerate"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token())).willReturn(aResponse().withStatus(404)));
        Issued fresh = Fixtures.keyServiceIssues(admin);
        given().auth().oauth2(admin.token()).post(CARD + "/reconnect").then().statusCode(200).body("truffle_key", equalTo(fresh.secret()));
        given().auth().oauth2(admin.token()).get(CARD).then().body("status", equalTo("CONNECTED"));
    }

    @Test
    void badInputAndWrongCredentialsAreProblems() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.paid(admin.company());
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{}").post(CARD + "/connect")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("ashby_api_key"));
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{\"ashby_api_key\":\"has a space\"}")
                .post(CARD + "/connect").then().statusCode(422).body("errors.field", hasItem("ashby_api_key"))
                .body(not(containsString("has a space")));
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{\"ashby_api_key\":123}").post(CARD + "/connect")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{\"ashby_api_key\":").post(CARD + "/connect")
                .then().statusCode(400);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{\"ashby_api_key\":\"a:b\"}")
                .post(CARD + "/reconnect").then().statusCode(422).body("errors.field", hasItem("ashby_api_key"));
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body("{\"ashby_api_key\"").post(CARD + "/reconnect")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin.token()).post(CARD + "/reconnect").then().statusCode(409)
                .body("type", equalTo("https://docs.truffle.dev/problems/ashby-not-connected"));

        given().get(CARD).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get(CARD).then().statusCode(401);
        given().auth().oauth2(InternalTokens.partnerAshby(admin.company())).get(CARD).then().statusCode(403);
        given().auth().oauth2(InternalTokens.apiKey(admin.company(), "ADMIN")).get(CARD).then().statusCode(403);
        given().auth().oauth2(InternalTokens.staff()).get(CARD).then().statusCode(403);
        given().auth().oauth2(admin.token()).get(CARD).then().header("X-Request-Id", notNullValue());
    }
}
