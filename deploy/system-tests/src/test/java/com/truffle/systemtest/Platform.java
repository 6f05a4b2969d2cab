package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.adminToken;
import static com.truffle.systemtest.Stack.gateway;
import static com.truffle.systemtest.Stack.staffToken;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The steps users take, through the gateway, as small verbs for the flows. */
public final class Platform {

    public static void setPlan(String company, String plan) {
        gateway().auth().oauth2(staffToken()).contentType(ContentType.JSON).body(Map.of("plan", plan))
                .put("/staff/companies/{id}/plan", company).then().statusCode(200);
    }

    public static String requestAccess(String company) {
        return gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                .body(Map.of("use_case", "Sync candidates with our CRM"))
                .post("/v1/api-access/requests").then().statusCode(201).extract().path("id");
    }

    public static void approve(String requestId) {
        gateway().auth().oauth2(staffToken()).contentType(ContentType.JSON).body("{}")
                .post("/staff/access-requests/{id}/approve", requestId).then().statusCode(200);
    }

    /** Paid, requested, approved, and the approval has reached key-service (a key can be created). */
    public static String approvedCompany() {
        String company = Stack.newCompany();
        setPlan(company, "PAID");
        approve(requestAccess(company));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway().auth().oauth2(adminToken(company)).get("/v1/api-access").then().extract()
                        .path("status").equals("APPROVED"));
        return company;
    }

    /** Creates a key; the first one may wait for AccessApproved to reach key-service over Kafka. */
    public static JsonPath createKey(String company, String permission) {
        var body = Map.of("name", permission + " key", "description", "system test", "permission", permission);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> gateway()
                .auth().oauth2(adminToken(company)).get("/v1/api-keys").statusCode() == 200);
        JsonPath[] created = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON).body(body).post("/v1/api-keys");
            if (response.statusCode() == 201) {
                created[0] = response.jsonPath();
                return true;
            }
            return false;
        });
        return created[0];
    }

    private Platform() {
    }
}
