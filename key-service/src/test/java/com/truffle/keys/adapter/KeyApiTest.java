package com.truffle.keys.adapter;

import static com.truffle.keys.adapter.KeyTestSupport.approvedCompany;
import static com.truffle.keys.adapter.KeyTestSupport.create;
import static com.truffle.keys.adapter.KeyTestSupport.newCompany;
import static com.truffle.keys.adapter.KeyTestSupport.publishAccessEvent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.apikeys.SecretHasher;
import io.vertx.core.json.JsonObject;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.KafkaProbe;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class KeyApiTest {

    static final EventContracts OWN = EventContracts.own();
    static final String GATEWAY = InternalTokens.service("api-gateway");

    @ConfigProperty(name = "truffle.keys.pepper")
    String pepper;

    static int verify(String hash) {
        return given().auth().oauth2(GATEWAY).contentType(ContentType.JSON).body(Map.of("secret_hash", hash))
                .post("/internal/keys/verify").statusCode();
    }

    @Test
    void createShowsTheSecretOnceAndStoresOnlyItsPepperedHash() {
        String company = approvedCompany();
        JsonPath key = create(company, "CRM sync", "READ");
        String secret = key.getString("secret");
        assertThat(ApiKeyFormat.isWellFormed(secret)).isTrue();
        assertThat(secret).startsWith("trf_live_");
        assertThat(key.getString("prefix")).isEqualTo(secret.substring(0, 13));
        assertThat(key.getString("last4")).isEqualTo(secret.substring(secret.length() - 4));
        assertThat(key.getString("permission")).isEqualTo("READ");
        assertThat(key.getString("created_at")).isNotBlank();

        // the table holds no trace of the secret: not whole, not its random part; only HMAC(pepper, secret)
        List<Map<String, Object>> rows = TestDatabase.query("select * from api_key where id = ?::uuid", key.getString("id"));
        assertThat(rows).hasSize(1);
        String randomPart = secret.substring("trf_live_".length(), secret.length() - 6);
        for (Object value : rows.get(0).values()) {
            assertThat(String.valueOf(value)).doesNotContain(randomPart);
        }
        String hash = SecretHasher.fromConfig(pepper).hashHex(secret);
        assertThat(rows.get(0).get("secret_hash")).isEqualTo(hash);
        assertThat(TestDatabase.count("select count(*) from outbox_event where payload like ?", "%" + randomPart + "%")).isZero();

        // shown once: no later answer carries it
        String id = key.getString("id");
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys/{id}", id)
                .then().statusCode(200).body("secret", nullValue()).body("name", equalTo("CRM sync")).body("last_used_at", nullValue());
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys")
                .then().statusCode(200).body("data.id", hasItem(id)).body("data.secret", not(hasItem(notNullValue())));
        assertThat(verify(hash)).isEqualTo(200);
    }

    @Test
    void aTokenTheGatewayAddressedToAnotherServiceIsRefused() {
        String company = approvedCompany();
        given().auth().oauth2(InternalTokens.companyAdminFor(company, java.util.List.of("screening-service"))).get("/v1/api-keys")
                .then().statusCode(401);
        given().auth().oauth2(InternalTokens.companyAdminFor(company, java.util.List.of("key-service"))).get("/v1/api-keys")
                .then().statusCode(200);
    }

    @Test
    void withoutApprovedAccessNoKeys() {
        String company = newCompany();
        given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"permission\":\"READ\"}").post("/v1/api-keys")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/api-access-not-approved"));
        assertThat(TestDatabase.count("select count(*) from api_key where company_id = ?", company)).isZero();
    }

    @Test
    void regenerateKillsTheOldSecretAndRevokeKillsTheKey() {
        String company = approvedCompany();
        JsonPath key = create(company, "Zapier", "WRITE");
        String id = key.getString("id");
        String oldHash = SecretHasher.fromConfig(pepper).hashHex(key.getString("secret"));

        JsonPath regenerated = given().auth().oauth2(InternalTokens.companyAdmin(company)).post("/v1/api-keys/{id}/regenerate", id)
                .then().statusCode(200).header("Cache-Control", "no-store").body("id", equalTo(id)).body("regenerated_at", notNullValue())
                .extract().jsonPath();
        String newSecret = regenerated.getString("secret");
        assertThat(newSecret).isNotEqualTo(key.getString("secret"));
        String newHash = SecretHasher.fromConfig(pepper).hashHex(newSecret);
        assertThat(verify(oldHash)).isEqualTo(404);
        assertThat(verify(newHash)).isEqualTo(200);

        try (KafkaProbe state = KafkaProbe.topic("truffle.keys.state.v1"); KafkaProbe events = KafkaProbe.topic("truffle.keys.v1")) {
            ConsumerRecord<String, String> v2 = state.await(r -> id.equals(r.key()) && r.value() != null && r.value().contains(newHash),
                    Duration.ofSeconds(20));
            OWN.assertValid("KeyState", v2.value());
            assertThat(v2.value()).contains("\"version\":2");
            OWN.assertValid("KeyCreated", events.awaitType("KeyCreated", id, Duration.ofSeconds(20)).value());
            OWN.assertValid("KeyRegenerated", events.awaitType("KeyRegenerated", id, Duration.ofSeconds(20)).value());

            given().auth().oauth2(InternalTokens.companyAdmin(company)).delete("/v1/api-keys/{id}", id).then().statusCode(204);
            // revoked: a signed REVOKED record that stays on the compacted topic (no tombstone to be compacted away)
            ConsumerRecord<String, String> revoked = state.await(r -> id.equals(r.key()) && r.value() != null
                    && r.value().contains("\"REVOKED\""), Duration.ofSeconds(20));
            OWN.assertValid("KeyState", revoked.value());
            assertThat(new KeyStateSignature(SecretHasher.fromConfig(pepper)).verify(new JsonObject(revoked.value()).getMap()))
                    .as("signed by key-service").isTrue();
            assertThat(new KeyStateSignature(SecretHasher.fromConfig(pepper)).verify(new JsonObject(v2.value()).getMap())).isTrue();
            OWN.assertValid("KeyRevoked", events.awaitType("KeyRevoked", id, Duration.ofSeconds(20)).value());
        }
        assertThat(verify(newHash)).isEqualTo(404);
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys/{id}", id).then().statusCode(404);
        given().auth().oauth2(InternalTokens.companyAdmin(company)).delete("/v1/api-keys/{id}", id).then().statusCode(404);
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys/{id}/audit", id)
                .then().statusCode(200).body("data.action", contains("KeyCreated", "KeyRegenerated", "KeyRevoked"))
                .body("data[0].actor", equalTo("user:admin@" + company)).body("data[0].request_id", notNullValue());
    }

    @Test
    void renameIsAuditedAndPublished() {
        String company = approvedCompany();
        String id = create(company, "Old name", "ADMIN").getString("id");
        given().auth().oauth2(InternalTokens.companyAdmin(company)).header("X-Request-Id", "req-rename-0001")
                .contentType(ContentType.JSON).body("{\"name\":\"New name\",\"description\":\"\"}")
                .patch("/v1/api-keys/{id}", id)
                .then().statusCode(200).body("name", equalTo("New name")).body("description", nullValue()).body("permission", equalTo("ADMIN"));
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys/{id}/audit", id)
                .then().body("data.request_id", hasItem("req-rename-0001"));
        // a request id that is not an id (length, charset) never reaches the audit trail: a fresh one does
        String forged = "x<script>alert(1)</script>" + "y".repeat(200);
        given().auth().oauth2(InternalTokens.companyAdmin(company)).header("X-Request-Id", forged)
                .contentType(ContentType.JSON).body("{\"name\":\"Newer name\"}").patch("/v1/api-keys/{id}", id).then().statusCode(200);
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys/{id}/audit", id).then()
                .body("data.request_id", not(hasItem(forged)))
                .body("data.request_id", everyItem(matchesPattern("[A-Za-z0-9._:-]{8,128}")));
        try (KafkaProbe events = KafkaProbe.topic("truffle.keys.v1")) {
            OWN.assertValid("KeyUpdated", events.awaitType("KeyUpdated", id, Duration.ofSeconds(20)).value());
        }
    }

    @Test
    void anotherCompanysAdminSeesNothingAndChangesNothing() {
        String a = approvedCompany();
        String b = approvedCompany();
        String id = create(a, "A's key", "READ").getString("id");
        String admin = InternalTokens.companyAdmin(b);
        given().auth().oauth2(admin).get("/v1/api-keys").then().statusCode(200).body("data.id", not(hasItem(id)));
        given().auth().oauth2(admin).get("/v1/api-keys/{id}", id).then().statusCode(404);
        given().auth().oauth2(admin).get("/v1/api-keys/{id}/audit", id).then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"mine\"}").patch("/v1/api-keys/{id}", id).then().statusCode(404);
        given().auth().oauth2(admin).post("/v1/api-keys/{id}/regenerate", id).then().statusCode(404);
        given().auth().oauth2(admin).delete("/v1/api-keys/{id}", id).then().statusCode(404);
        given().auth().oauth2(InternalTokens.companyAdmin(a)).get("/v1/api-keys/{id}", id)
                .then().statusCode(200).body("name", equalTo("A's key")).body("status", equalTo("ACTIVE"));
        assertThat(TestDatabase.count("select count(*) from key_audit where key_id = ?::uuid", id)).isEqualTo(1);
    }

    @Test
    void suspensionFollowsTheCompanysAccessAndIsPublished() {
        String company = approvedCompany();
        String id = create(company, "Sync", "READ").getString("id");
        publishAccessEvent(company, "AccessSuspended");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(InternalTokens.companyAdmin(company))
                .get("/v1/api-keys/{id}", id).then().body("status", equalTo("SUSPENDED")));
        given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"permission\":\"READ\"}").post("/v1/api-keys").then().statusCode(403);
        publishAccessEvent(company, "AccessReinstated");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(InternalTokens.companyAdmin(company))
                .get("/v1/api-keys/{id}", id).then().body("status", equalTo("ACTIVE")));
        try (KafkaProbe events = KafkaProbe.topic("truffle.keys.v1"); KafkaProbe state = KafkaProbe.topic("truffle.keys.state.v1")) {
            OWN.assertValid("KeySuspended", events.awaitType("KeySuspended", id, Duration.ofSeconds(20)).value());
            OWN.assertValid("KeyReinstated", events.awaitType("KeyReinstated", id, Duration.ofSeconds(20)).value());
            state.await(r -> id.equals(r.key()) && r.value() != null && r.value().contains("\"SUSPENDED\""), Duration.ofSeconds(20));
        }
    }

    @Test
    void aRedeliveredAccessEventIsAppliedOnce() {
        String company = approvedCompany();
        create(company, "Sync", "READ");
        String json = KeyTestSupport.ACCESS.sample("AccessSuspended").replace("\"acme\"", "\"" + company + "\"");
        String ceId = com.truffle.platform.testing.CloudEventPublisher.publish("truffle.access.v1", company, "AccessSuspended", json);
        com.truffle.platform.testing.CloudEventPublisher.publish("truffle.access.v1", company, "AccessSuspended", json, ceId);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from processed_event where event_id = ?", ceId) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from key_audit where company_id = ? and action = 'KeySuspended'", company) == 2);
        assertThat(TestDatabase.count("select count(*) from processed_event where event_id = ?", ceId)).isEqualTo(1);
    }

    @Test
    void theAshbyPartnerKeyIsOnePerCompanyAndNotAnIntegrationKey() {
        String company = newCompany();
        String admin = InternalTokens.companyAdmin(company);
        given().auth().oauth2(admin).post("/internal/partner-keys/ashby").then().statusCode(403)
                .body("type", equalTo("https://docs.truffle.dev/problems/paid-plan-required"));
        publishAccessEvent(company, "PlanChanged");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(admin).post("/internal/partner-keys/ashby").statusCode() == 201);
        given().auth().oauth2(admin).post("/internal/partner-keys/ashby").then().statusCode(409);
        String secret = given().auth().oauth2(admin).post("/internal/partner-keys/ashby/regenerate")
                .then().statusCode(200).body("permission", equalTo("PARTNER_ASHBY")).extract().path("secret");
        assertThat(secret).startsWith("trf_ashby_");
        assertThat(ApiKeyFormat.isWellFormed(secret)).isTrue();
        assertThat(verify(SecretHasher.fromConfig(pepper).hashHex(secret))).isEqualTo(200);
        given().auth().oauth2(admin).get("/v1/api-keys").then().body("data", org.hamcrest.Matchers.empty());
        given().auth().oauth2(admin).delete("/internal/partner-keys/ashby").then().statusCode(204);
        assertThat(verify(SecretHasher.fromConfig(pepper).hashHex(secret))).isEqualTo(404);
        given().auth().oauth2(admin).post("/internal/partner-keys/ashby").then().statusCode(201);
        given().auth().oauth2(InternalTokens.apiKey(company, "ADMIN")).post("/internal/partner-keys/ashby").then().statusCode(403);
    }

    @Test
    void lastUsedAtComesFromTheGatewaysUsageEvents() {
        String company = approvedCompany();
        String id = create(company, "Sync", "READ").getString("id");
        // the producer's own sample (api-gateway), re-addressed to this key
        String usage = EventContracts.producer("api-gateway").sample("KeyUsed")
                .replace("3f0c9a52-6a7e-4f6b-9d1e-5f1b0b7d2c44", id).replace("\"acme\"", "\"" + company + "\"");
        com.truffle.platform.testing.CloudEventPublisher.publish("truffle.gateway.usage.v1", id, "KeyUsed", usage);
        String older = usage.replace("2026-11-25T10:05:04.870Z", "2026-11-25T09:00:00Z");
        com.truffle.platform.testing.CloudEventPublisher.publish("truffle.gateway.usage.v1", id, "KeyUsed", older);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(InternalTokens.companyAdmin(company))
                .get("/v1/api-keys/{id}", id).then().body("last_used_at", equalTo("2026-11-25T10:05:04.870Z")));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String company = approvedCompany();
        String admin = InternalTokens.companyAdmin(company);
        long before = TestDatabase.count("select count(*) from api_key where company_id = ?", company);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").post("/v1/api-keys")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItems("name", "permission"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"x\",\"permission\":\"PARTNER_ASHBY\"}").post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("permission"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"x\",\"permission\":\"OWNER\"}").post("/v1/api-keys")
                .then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":12,\"permission\":\"READ\"}").post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"" + "n".repeat(101) + "\",\"permission\":\"READ\"}").post("/v1/api-keys")
                .then().statusCode(422).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"x\",\"permission\":\"READ\",\"description\":\"" + "d".repeat(501) + "\"}")
                .post("/v1/api-keys").then().statusCode(422).body("errors[0].field", equalTo("description"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"x\"").post("/v1/api-keys").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.TEXT).body("name=x").post("/v1/api-keys").then().statusCode(415);
        String id = create(company, "Keep", "READ").getString("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\":\"   \"}").patch("/v1/api-keys/{id}", id)
                .then().statusCode(422).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(admin).get("/v1/api-keys/{id}", "not-a-uuid").then().statusCode(404);
        given().auth().oauth2(admin).get("/v1/api-keys/{id}", id).then().body("name", equalTo("Keep"));
        assertThat(TestDatabase.count("select count(*) from api_key where company_id = ?", company)).isEqualTo(before + 1);
        given().auth().oauth2(GATEWAY).contentType(ContentType.JSON).body("{\"secret_hash\":\"XYZ\"}").post("/internal/keys/verify").then().statusCode(422);
    }

    @Test
    void aCompanyHasAtMostTheConfiguredNumberOfKeys() {
        String company = approvedCompany(); // the probe key counts
        for (int i = 1; i < 25; i++) {
            create(company, "key " + i, "READ");
        }
        given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON)
                .body("{\"name\":\"one too many\",\"permission\":\"READ\"}").post("/v1/api-keys")
                .then().statusCode(409).body("type", equalTo("https://docs.truffle.dev/problems/key-limit-reached"));
    }

    @Test
    void onlyTheRightCallersGetIn() {
        given().get("/v1/api-keys").then().statusCode(401);
        given().auth().oauth2(InternalTokens.apiKey("acme", "ADMIN")).get("/v1/api-keys").then().statusCode(403);
        given().auth().oauth2(InternalTokens.staff()).get("/v1/api-keys").then().statusCode(403);
        given().auth().oauth2(InternalTokens.companyAdmin("acme")).contentType(ContentType.JSON)
                .body(Map.of("secret_hash", "0".repeat(64))).post("/internal/keys/verify").then().statusCode(403);
        assertThat(verify("0".repeat(64))).isEqualTo(404);
    }

    @Test
    void theConsumerReadsEveryAccessEventTheProducerDocuments() {
        for (String type : KeyTestSupport.ACCESS.types()) {
            String sample = KeyTestSupport.ACCESS.sample(type);
            Map<?, ?> parsed = io.restassured.path.json.JsonPath.from(sample).getMap("");
            assertThat(parsed.get("company_id")).as(type).isNotNull();
            assertThat(parsed.get("plan")).as(type).isIn("TRIAL", "PAID");
            assertThat(parsed.get("access_status")).as(type).isNotNull();
        }
        assertThat(KeyTestSupport.ACCESS.types()).contains("AccessApproved", "AccessSuspended", "AccessReinstated", "PlanChanged");
        assertThat(Base64.getDecoder().decode(pepper)).hasSizeGreaterThanOrEqualTo(32);
    }
}
