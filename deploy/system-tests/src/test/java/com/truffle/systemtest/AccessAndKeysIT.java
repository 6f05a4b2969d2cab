package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.adminToken;
import static com.truffle.systemtest.Stack.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.truffle.deploy.stack.LocalStack;
import io.restassured.http.ContentType;

/** DESIGN.md §7 flows 1, 2, 3 and 8, through the gateway against the packaged services. */
class AccessAndKeysIT {

    static Map<String, Object> candidate() {
        return Map.of("first_name", "Ada", "last_name", "Lovelace", "email", "ada+" + UUID.randomUUID() + "@example.com");
    }

    @Test
    void flow1TrialIsToldToUpgradePaidIsPendingThenApproved() {
        String company = Stack.newCompany();
        gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON).body(Map.of("use_case", "CRM"))
                .post("/v1/api-access/requests")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", containsString("paid-plan-required")).body("detail", containsString("Upgrade"));
        gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                .body(Map.of("name", "k", "permission", "READ")).post("/v1/api-keys")
                .then().statusCode(403).body("type", containsString("api-access-not-approved"));
        Platform.setPlan(company, "PAID");
        String id = Platform.requestAccess(company);
        gateway().auth().oauth2(adminToken(company)).get("/v1/api-access").then().body("status", equalTo("PENDING"));
        Platform.approve(id);
        gateway().auth().oauth2(adminToken(company)).get("/v1/api-access").then().body("status", equalTo("APPROVED"));
        assertThat(Platform.createKey(company, "READ").getString("secret")).startsWith("trf_live_");
    }

    @Test
    void flow2ReadReadsWriteDoesNotAdminDoesAllAndCompaniesNeverMix() {
        String a = Platform.approvedCompany();
        String read = Platform.createKey(a, "READ").getString("secret");
        String admin = Platform.createKey(a, "ADMIN").getString("secret");
        gateway().auth().oauth2(read).get("/v1/candidates").then().statusCode(200);
        gateway().auth().oauth2(read).contentType(ContentType.JSON).body(candidate()).post("/v1/candidates")
                .then().statusCode(403).body("required_permission", equalTo("WRITE"));
        String candidateId = gateway().auth().oauth2(admin).contentType(ContentType.JSON).body(candidate()).post("/v1/candidates")
                .then().statusCode(201).extract().path("id");
        gateway().auth().oauth2(read).get("/v1/candidates/{id}", candidateId).then().statusCode(200);
        gateway().auth().oauth2(admin).get("/v1/webhooks").then().statusCode(200);
        gateway().auth().oauth2(read).get("/v1/webhooks").then().statusCode(403).body("required_permission", equalTo("ADMIN"));

        String b = Platform.approvedCompany();
        String bKey = Platform.createKey(b, "ADMIN").getString("secret");
        gateway().auth().oauth2(bKey).get("/v1/candidates/{id}", candidateId).then().statusCode(404);
        gateway().auth().oauth2(bKey).get("/v1/candidates").then().statusCode(200).body("data.id", not(hasItem(candidateId)));
        // and B's admin cannot touch A's keys
        String aKeyId = gateway().auth().oauth2(adminToken(a)).get("/v1/api-keys").then().extract().path("data[0].id");
        gateway().auth().oauth2(adminToken(b)).get("/v1/api-keys/{id}", aKeyId).then().statusCode(404);
        gateway().auth().oauth2(adminToken(b)).post("/v1/api-keys/{id}/regenerate", aKeyId).then().statusCode(404);
        gateway().auth().oauth2(adminToken(b)).delete("/v1/api-keys/{id}", aKeyId).then().statusCode(404);
        gateway().auth().oauth2(adminToken(b)).get("/v1/api-keys").then().body("data.id", not(hasItem(aKeyId)));
    }

    @Test
    void flow3RegenerateNewWorksOldIsDeadAndStaysDeadWithKeyServiceStopped() {
        String company = Platform.approvedCompany();
        var key = Platform.createKey(company, "READ");
        String old = key.getString("secret");
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway().auth().oauth2(old).get("/v1/jobs").statusCode() == 200);

        String fresh = gateway().auth().oauth2(adminToken(company)).post("/v1/api-keys/{id}/regenerate", key.getString("id"))
                .then().statusCode(200).extract().path("secret");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> gateway().auth().oauth2(old).get("/v1/jobs").statusCode() == 401);
        gateway().auth().oauth2(fresh).get("/v1/jobs").then().statusCode(200);

        LocalStack stack = Stack.get();
        stack.stopService(LocalStack.KEY_SERVICE);
        try {
            gateway().auth().oauth2(old).get("/v1/jobs").then().statusCode(401);
            gateway().auth().oauth2(fresh).get("/v1/jobs").then().statusCode(200);
        } finally {
            stack.startService(LocalStack.KEY_SERVICE);
        }
    }

    @Test
    void flow8DowngradeStopsEveryKeyUpgradeBringsThemBack() {
        String company = Platform.approvedCompany();
        String read = Platform.createKey(company, "READ").getString("secret");
        String write = Platform.createKey(company, "WRITE").getString("secret");
        for (String k : new String[] {read, write}) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway().auth().oauth2(k).get("/v1/jobs").statusCode() == 200);
        }
        Platform.setPlan(company, "TRIAL");
        gateway().auth().oauth2(adminToken(company)).get("/v1/api-access").then().body("status", equalTo("SUSPENDED"));
        for (String k : new String[] {read, write}) {
            await().atMost(Duration.ofSeconds(15)).until(() -> gateway().auth().oauth2(k).get("/v1/jobs").statusCode() == 401);
        }
        Platform.setPlan(company, "PAID");
        gateway().auth().oauth2(adminToken(company)).get("/v1/api-access").then().body("status", equalTo("APPROVED"));
        for (String k : new String[] {read, write}) {
            await().atMost(Duration.ofSeconds(15)).until(() -> gateway().auth().oauth2(k).get("/v1/jobs").statusCode() == 200);
        }
    }

    @Test
    void revokeKillsTheKeyAtTheGateway() {
        String company = Platform.approvedCompany();
        var key = Platform.createKey(company, "READ");
        String secret = key.getString("secret");
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway().auth().oauth2(secret).get("/v1/jobs").statusCode() == 200);
        gateway().auth().oauth2(adminToken(company)).delete("/v1/api-keys/{id}", key.getString("id")).then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> gateway().auth().oauth2(secret).get("/v1/jobs").statusCode() == 401);
    }
}
