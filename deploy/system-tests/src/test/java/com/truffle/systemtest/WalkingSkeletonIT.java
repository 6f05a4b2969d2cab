package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.adminToken;
import static com.truffle.systemtest.Stack.gateway;
import static com.truffle.systemtest.Stack.staffToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.truffle.platform.apikeys.ApiKeyFormat;
import io.restassured.http.ContentType;

/** Issue 2's slice, real through every layer, against the packaged services. */
class WalkingSkeletonIT {

    @Test
    void staffUpgradeAdminRequestsStaffApproveAdminCreatesAReadKeyTheGatewayEnforcesIt() {
        String acme = Stack.newCompany();
        // 1. staff set the company to PAID
        gateway().auth().oauth2(staffToken()).contentType(ContentType.JSON).body(Map.of("plan", "PAID"))
                .put("/staff/companies/{id}/plan", acme)
                .then().statusCode(200).body("company_id", equalTo(acme)).body("plan", equalTo("PAID"))
                .header("X-Request-Id", notNullValue());
        // 2. the admin requests access; staff list pending and approve
        String requestId = Platform.requestAccess(acme);
        gateway().auth().oauth2(staffToken()).get("/staff/access-requests?status=PENDING&limit=200")
                .then().statusCode(200).body("data.id", hasItem(requestId));
        Platform.approve(requestId);
        // 3. a READ key: 201 with the trf_live_ secret once (waits for AccessApproved to reach key-service over Kafka)
        var key = Platform.createKey(acme, "READ");
        String secret = key.getString("secret");
        assertThat(secret).startsWith("trf_live_");
        assertThat(ApiKeyFormat.isWellFormed(secret)).isTrue();
        // 4. the gateway admits it on GET /v1/jobs, screening-service answers {"data":[]}
        gateway().auth().oauth2(secret).get("/v1/jobs")
                .then().statusCode(200).body("data.size()", equalTo(0)).header("X-Request-Id", notNullValue());
        // POST /v1/jobs with the same key: 403 problem naming the permissions
        gateway().auth().oauth2(secret).contentType(ContentType.JSON)
                .body(Map.of("title", "Engineer", "description", "x", "questions", java.util.List.of()))
                .post("/v1/jobs").then().statusCode(403).contentType("application/problem+json")
                .body("required_permission", equalTo("WRITE")).body("granted_permission", equalTo("READ"));
        // no key, garbage key -> 401
        gateway().get("/v1/jobs").then().statusCode(401).contentType("application/problem+json");
        gateway().auth().oauth2("trf_live_garbage").get("/v1/jobs").then().statusCode(401);
        gateway().auth().oauth2(adminToken(acme)).get("/v1/api-keys").then().statusCode(200)
                .body("data.id", hasItem(key.getString("id")));
    }
}
