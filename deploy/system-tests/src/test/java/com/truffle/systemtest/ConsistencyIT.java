package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.adminToken;
import static com.truffle.systemtest.Stack.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What a user sees must never contradict itself (issue 11): "approved" means a key can be created that very moment,
 * and "regenerated" / "revoked" means the old secret is already refused by the gateway that said so.
 */
class ConsistencyIT {

    static final int TRIALS = 50;

    @Test
    void aKeyCreatedTheMomentStaffApproveIsCreatedEveryTime() {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            String company = Stack.newCompany();
            Platform.setPlan(company, "PAID");
            Platform.approve(Platform.requestAccess(company));
            // no waiting, no retry: the approval's 200 has just arrived
            Response created = gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                    .body(Map.of("name", "CRM sync", "permission", "READ")).post("/v1/api-keys");
            if (created.statusCode() != 201) {
                refused.add(company + ": " + created.statusCode() + " " + created.asString());
            }
        }
        assertThat(refused).as("creates refused right after the approval, of " + TRIALS).isEmpty();
    }

    @Test
    void theGatewayThatAnsweredRegenerateOrRevokeRefusesTheOldSecretAtOnceAndTheOtherReplicaFollows() {
        String company = Platform.approvedCompany();
        String other = Stack.secondGateway().url();
        List<String> successesAfterTheAnswer = new ArrayList<>();
        for (int i = 0; i < TRIALS / 2; i++) {
            var key = Platform.createKey(company, "READ");
            String old = key.getString("secret");
            awaitWorking(Stack.get().gatewayUrl(), old);
            awaitWorking(other, old);
            boolean regenerate = i % 2 == 0;
            Response answer = regenerate
                    ? gateway().auth().oauth2(adminToken(company)).post("/v1/api-keys/{id}/regenerate", key.getString("id"))
                    : gateway().auth().oauth2(adminToken(company)).delete("/v1/api-keys/{id}", key.getString("id"));
            assertThat(answer.statusCode()).isEqualTo(regenerate ? 200 : 204);
            assertThat(answer.header("X-Truffle-Key-State")).as("internal: never forwarded").isNull();
            int status = gateway().auth().oauth2(old).get("/v1/jobs").statusCode();
            if (status != 401) {
                successesAfterTheAnswer.add((regenerate ? "regenerate" : "revoke") + " #" + i + ": " + status);
            }
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> jobs(other, old) == 401);
            if (regenerate) {
                String fresh = answer.jsonPath().getString("secret");
                assertThat(gateway().auth().oauth2(fresh).get("/v1/jobs").statusCode()).isEqualTo(200);
                gateway().auth().oauth2(adminToken(company)).delete("/v1/api-keys/{id}", key.getString("id")).then().statusCode(204);
            }
        }
        assertThat(successesAfterTheAnswer).as("the old secret admitted after the admin's answer, at the gateway that gave it").isEmpty();
    }

    static int jobs(String gatewayUrl, String secret) {
        return RestAssured.given().baseUri(gatewayUrl).auth().oauth2(secret).get("/v1/jobs").statusCode();
    }

    static void awaitWorking(String gatewayUrl, String secret) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> jobs(gatewayUrl, secret) == 200);
    }
}
