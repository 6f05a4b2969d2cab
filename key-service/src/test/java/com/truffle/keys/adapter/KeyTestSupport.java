package com.truffle.keys.adapter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.truffle.platform.testing.CloudEventPublisher;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.InternalTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Companies whose entitlement arrives the way it does in production: as access-request-service's events. */
final class KeyTestSupport {

    static final EventContracts ACCESS = EventContracts.producer("access-request-service");

    static String newCompany() {
        return "co-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes the producer's own sample of {@code type}, re-addressed to {@code company}. */
    static void publishAccessEvent(String company, String type) {
        String json = ACCESS.sample(type).replace("\"acme\"", "\"" + company + "\"");
        CloudEventPublisher.publish("truffle.access.v1", company, type, json);
    }

    static String approvedCompany() {
        String company = newCompany();
        publishAccessEvent(company, "AccessApproved");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(InternalTokens.companyAdmin(company))
                .contentType(ContentType.JSON).body("{\"name\":\"probe\",\"permission\":\"READ\"}")
                .post("/v1/api-keys").statusCode() == 201);
        return company;
    }

    static JsonPath create(String company, String name, String permission) {
        return given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"description\":\"for tests\",\"permission\":\"" + permission + "\"}")
                .post("/v1/api-keys").then().statusCode(201).header("Cache-Control", "no-store").extract().jsonPath();
    }

    private KeyTestSupport() {
    }
}
