package com.truffle.deploy.stack.ashby;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AshbySandboxTest {

    static final String KEY = "ashby_sandbox_live_key_7f3a9c";
    static AshbySandbox sandbox;

    // the three examples of shared/reference/ashby-partner-api.md §4.2, verbatim
    static final String STARTED = """
            { "assessment_id": "A1", "timestamp": 1700000000000,
              "assessment_status": { "identifier": "status", "label": "Status", "type": "string", "value": "Started" },
              "assessment_profile_url": { "identifier": "profile", "label": "View in Partner", "type": "url", "value": "https://partner/x" } }
            """;
    static final String COMPLETED = """
            { "assessment_id": "A1", "timestamp": 1700000900000,
              "assessment_status": { "identifier": "status", "label": "Status", "type": "string", "value": "Completed" },
              "assessment_result": { "identifier": "score", "label": "Score", "type": "numeric_score", "value": 87 },
              "assessment_profile_url": { "identifier": "profile", "label": "View in Partner", "type": "url", "value": "https://partner/x/report" },
              "metadata": [ { "identifier": "max_score", "label": "Max score", "type": "numeric_score", "value": 100 },
                            { "identifier": "duration", "label": "Time taken", "type": "numeric_duration_minutes", "value": 42 } ] }
            """;
    static final String CANCELLED = """
            { "assessment_id": "A1", "timestamp": 1700000500000,
              "cancelled_reason": { "identifier": "cancel_reason", "label": "Cancelled", "type": "string", "value": "Candidate withdrew" } }
            """;

    @BeforeAll
    static void start() {
        sandbox = new AshbySandbox().start(0);
        // rest-assured compiles Groovy on first use (seconds on a small machine): pay it here, not in a test
        given().baseUri(sandbox.url()).get("/_sandbox/faults").then().statusCode(200).body("data", hasSize(0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    static RequestSpecification ashby(String key) {
        RequestSpecification spec = given().baseUri(sandbox.url())
                .contentType("application/json")
                .header("Accept", "application/json; version=1");
        return key == null ? spec : spec.auth().preemptive().basic(key, "");
    }

    @Test
    void authenticationRules() {
        ashby(null).body("{}").post("/apiKey.info").then().statusCode(401)
                .body("success", equalTo(false));
        ashby(null).header("Authorization", "Basic !!!not-base64").body("{}").post("/apiKey.info")
                .then().statusCode(401);
        ashby("bad_key_0001").body("{}").post("/apiKey.info").then().statusCode(403)
                .body("success", equalTo(false))
                .body("errors", equalTo(List.of("invalid_api_key")))
                .body("errorInfo.code", equalTo("invalid_api_key"))
                .body("errorInfo.message", notNullValue());
        ashby("bad_key_0001").body(STARTED).post("/assessment.update").then().statusCode(403)
                .body("errorInfo.code", equalTo("invalid_api_key"));

        ashby(KEY).body("{}").post("/apiKey.info").then().statusCode(200)
                .header("x-ashby-request-id", notNullValue())
                .body("success", equalTo(true))
                .body("results.title", equalTo("Sandbox API key"))
                .body("results.createdAt", notNullValue())
                .body("results.scopes", equalTo(List.of("candidates:read", "candidates:write")));
    }

    @Test
    void aKeyWithoutApiKeysReadCannotIntrospectButCanUpdate() {
        ashby("noperm_key_0002").body("{}").post("/apiKey.info").then().statusCode(403)
                .body("errors", equalTo(List.of("missing_endpoint_permission")))
                .body("errorInfo.code", equalTo("missing_endpoint_permission"));
        ashby("noperm_key_0002").body(STARTED).post("/assessment.update").then().statusCode(200)
                .body("success", equalTo(true));
    }

    @Test
    void aReadOnlyKeyListsScopesWithoutTheWriteScopeAndCannotUpdate() {
        ashby("readonly_key_0003").body("{}").post("/apiKey.info").then().statusCode(200)
                .body("success", equalTo(true))
                .body("results.scopes", equalTo(List.of("candidates:read", "jobs:read")));
        ashby("readonly_key_0003").body(STARTED).post("/assessment.update").then().statusCode(403)
                .body("errorInfo.code", equalTo("missing_endpoint_permission"));
    }

    @Test
    void aRevokedKeyIsRefused() {
        ashby(KEY).body(STARTED).post("/assessment.update").then().statusCode(200);
        given().baseUri(sandbox.url()).post("/_sandbox/keys/" + KEY + "/revoke").then().statusCode(204);
        ashby(KEY).body(STARTED).post("/assessment.update").then().statusCode(403)
                .body("errorInfo.code", equalTo("invalid_api_key"));
        ashby(KEY).body("{}").post("/apiKey.info").then().statusCode(403);
        ashby("another_valid_key_1234").body(STARTED).post("/assessment.update").then().statusCode(200);
    }

    @Test
    void theReferenceExamplesAreAccepted() {
        for (String body : List.of(STARTED, COMPLETED, CANCELLED)) {
            ashby(KEY).body(body).post("/assessment.update").then().statusCode(200)
                    .body("success", equalTo(true))
                    .body("results", equalTo(java.util.Map.of()));
        }
        assertTrue(sandbox.updates().stream().allMatch(AshbySandbox.RecordedCall::accepted));
    }

    @Test
    void invalidUpdatesAreRefusedTheAshbyWay() {
        String stringScore = COMPLETED.replace("\"value\": 87", "\"value\": \"87\"");
        ashby(KEY).body(stringScore).post("/assessment.update").then()
                .statusCode(200)
                .body("success", equalTo(false))
                .body("errors", equalTo(List.of("invalid_input")))
                .body("errorInfo.code", equalTo("invalid_input"))
                .body("errorInfo.message", containsString("assessment_result.value must be a number"));

        List<String> invalid = List.of(
                STARTED.replace("\"assessment_id\": \"A1\", ", ""),
                STARTED.replace("1700000000000", "\"1700000000000\""),
                COMPLETED.replace("\"assessment_profile_url\"", "\"ignored_field\""),
                STARTED.replace("\"type\": \"url\"", "\"type\": \"string\""),
                CANCELLED.replace("cancelled_reason", "ignored_field"),
                STARTED.replace("\"type\": \"string\"", "\"type\": \"text\""),
                STARTED.replace("\"label\": \"Status\", ", ""),
                COMPLETED.replace("\"identifier\": \"duration\"", "\"identifier\": \"max_score\""),
                COMPLETED.replace("\"type\": \"numeric_score\", \"value\": 87",
                        "\"type\": \"boolean_success\", \"value\": \"yes\""),
                "[]",
                "not json");
        for (String body : invalid) {
            ashby(KEY).body(body).post("/assessment.update").then().statusCode(200)
                    .body("success", equalTo(false))
                    .body("errorInfo.code", equalTo("invalid_input"));
        }
        ashby(KEY).contentType("text/plain").body(STARTED).post("/assessment.update").then().statusCode(200)
                .body("success", equalTo(false));
        assertEquals(invalid.size() + 2, sandbox.updates().size());
        assertTrue(sandbox.updates().stream().allMatch(c -> c.outcome().equals("rejected:invalid_input")));
    }

    @Test
    void faultsCountDownThenClear() {
        given().baseUri(sandbox.url()).contentType("application/json")
                .body("{\"endpoint\":\"assessment.update\",\"status\":503,\"times\":2}")
                .post("/_sandbox/faults").then().statusCode(201);
        ashby(KEY).body(STARTED).post("/assessment.update").then().statusCode(503);
        ashby(KEY).body(STARTED).post("/assessment.update").then().statusCode(503);
        ashby(KEY).body(STARTED).post("/assessment.update").then().statusCode(200).body("success", equalTo(true));
        given().baseUri(sandbox.url()).get("/_sandbox/faults").then().body("data", hasSize(0));

        // without times: until cleared; faults come before authentication, like a load balancer's
        given().baseUri(sandbox.url()).contentType("application/json")
                .body("{\"endpoint\":\"apiKey.info\",\"status\":500}")
                .post("/_sandbox/faults").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            ashby(KEY).body("{}").post("/apiKey.info").then().statusCode(500);
        }
        ashby(null).body("{}").post("/apiKey.info").then().statusCode(500);
        given().baseUri(sandbox.url()).delete("/_sandbox/faults").then().statusCode(204);
        ashby(KEY).body("{}").post("/apiKey.info").then().statusCode(200);

        given().baseUri(sandbox.url()).contentType("application/json")
                .body("{\"endpoint\":\"nope\",\"status\":503}")
                .post("/_sandbox/faults").then().statusCode(400);
        given().baseUri(sandbox.url()).get("/_sandbox/updates").then()
                .body("data.outcome", equalTo(List.of("fault:503", "fault:503", "accepted")));
    }

    @Test
    void recordingKeepsTheBodyAndOutcomeButNeverTheFullKey() {
        ashby(KEY).body(STARTED).post("/assessment.update").then().statusCode(200);
        ashby(KEY).body(COMPLETED.replace("\"A1\"", "\"A2\"")).post("/assessment.update").then().statusCode(200);
        ashby(KEY).body(CANCELLED.replace("\"string\"", "\"numeric_score\"")).post("/assessment.update")
                .then().statusCode(200).body("success", equalTo(false));

        String all = given().baseUri(sandbox.url()).get("/_sandbox/updates").then().statusCode(200)
                .body("data", hasSize(3))
                .body("data[0].received_at", notNullValue())
                .body("data[0].api_key_last4", equalTo(KEY.substring(KEY.length() - 4)))
                .body("data[0].body.assessment_id", equalTo("A1"))
                .body("data[0].body.timestamp", equalTo(1700000000000L))
                .body("data[0].body.assessment_status.value", equalTo("Started"))
                .body("data[0].outcome", equalTo("accepted"))
                .body("data[2].outcome", equalTo("rejected:invalid_input"))
                .extract().asString();
        given().baseUri(sandbox.url()).queryParam("assessment_id", "A2").get("/_sandbox/updates").then()
                .body("data", hasSize(1))
                .body("data[0].body.assessment_result.value", equalTo(87));
        String calls = given().baseUri(sandbox.url()).get("/_sandbox/calls").then().statusCode(200)
                .extract().asString();

        assertFalse(all.contains(KEY), "the listing never holds the full key");
        assertFalse(calls.contains(KEY));
        assertFalse(sandbox.calls().toString().contains(KEY), "nor does the Java view");

        given().baseUri(sandbox.url()).delete("/_sandbox/updates").then().statusCode(204);
        given().baseUri(sandbox.url()).get("/_sandbox/updates").then().body("data", hasSize(0));
    }
}
