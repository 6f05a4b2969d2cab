package com.truffle.access.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.KafkaProbe;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class AccessApiTest {

    static final String STAFF = InternalTokens.staff();

    static String company() {
        return "co-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void setPlan(String company, String plan) {
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"plan\":\"" + plan + "\"}")
                .put("/staff/companies/{id}/plan", company)
                .then().statusCode(200).body("company_id", equalTo(company)).body("plan", equalTo(plan));
    }

    static String requestAccess(String company, int expectedStatus) {
        return requestAccessAnswer(company).then().statusCode(expectedStatus).body("status", equalTo("PENDING")).extract().path("id");
    }

    static io.restassured.response.Response requestAccessAnswer(String company) {
        return given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON)
                .body("{\"use_case\":\"Sync candidates to our CRM\"}")
                .post("/v1/api-access/requests");
    }

    @Test
    void aTrialCompanyIsRefusedWithAnUpgradeProblem() {
        String company = company();
        given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON).body("{\"use_case\":\"x\"}")
                .post("/v1/api-access/requests")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/paid-plan-required"))
                .body("detail", containsString("Upgrade your plan"))
                .body("upgrade_url", notNullValue());
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-access")
                .then().statusCode(200).body("status", equalTo("NONE")).body("plan", equalTo("TRIAL"));
        assertThat(TestDatabase.count("select count(*) from access_request where company_id = ?", company)).isZero();
    }

    @Test
    void paidCompanyRequestsStaffApproveAndAccessApprovedIsPublishedThroughTheOutbox() {
        String company = company();
        setPlan(company, "PAID");
        var first = requestAccessAnswer(company);
        first.then().statusCode(201).body("status", equalTo("PENDING"));
        assertThat(first.header("Idempotent-Replayed")).isNull();
        String id = first.path("id");
        // a second click: the contract's 201 with the same pending request, marked as a replay; nothing new is made
        var again = requestAccessAnswer(company);
        again.then().statusCode(201).header("Idempotent-Replayed", "true").body("status", equalTo("PENDING"));
        assertThat(again.<String>path("id")).as("a second click returns the same pending request").isEqualTo(id);
        assertThat(TestDatabase.count("select count(*) from access_request where company_id = ?", company)).isEqualTo(1);

        given().auth().oauth2(STAFF).get("/staff/access-requests?status=PENDING&limit=200")
                .then().statusCode(200).body("data.id", hasItem(id));
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-access")
                .then().statusCode(200).body("status", equalTo("PENDING")).body("plan", equalTo("PAID"));

        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{}")
                .post("/staff/access-requests/{id}/approve", id)
                .then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("APPROVED"))
                .body("reviewer", equalTo("staff:reviewer@truffle.dev")).body("decided_at", notNullValue());
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-access")
                .then().statusCode(200).body("status", equalTo("APPROVED"));

        try (KafkaProbe probe = KafkaProbe.topic("truffle.access.v1")) {
            ConsumerRecord<String, String> approved = probe.awaitType("AccessApproved", company, Duration.ofSeconds(20));
            assertThat(KafkaProbe.header(approved, "ce_id")).isNotBlank();
            assertThat(KafkaProbe.header(approved, "ce_source")).isEqualTo("urn:truffle:access-request-service");
            assertThat(KafkaProbe.header(approved, "ce_subject")).isEqualTo(company);
            EventContracts.own().assertValid("AccessApproved", approved.value());
            for (String type : new String[] {"PlanChanged", "AccessRequested"}) {
                EventContracts.own().assertValid(type, probe.awaitType(type, company, Duration.ofSeconds(5)).value());
            }
        }
        assertThat(TestDatabase.count("select count(*) from outbox_event")).as("the relay drained the outbox").isZero();
    }

    @Test
    void rejectionNeedsAReasonIsAuditedAndTheCompanyMayAskAgain() {
        String company = company();
        setPlan(company, "PAID");
        String id = requestAccess(company, 201);
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"  \"}")
                .post("/staff/access-requests/{id}/reject", id)
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"reason\":\"Tell us more about the use case\"}")
                .post("/staff/access-requests/{id}/reject", id)
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("reason", equalTo("Tell us more about the use case"));
        given().auth().oauth2(STAFF).get("/staff/access-requests/{id}", id)
                .then().statusCode(200).body("reviewer", equalTo("staff:reviewer@truffle.dev")).body("decided_at", notNullValue());
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-access")
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("latest_request.reason", equalTo("Tell us more about the use case"));
        String second = requestAccess(company, 201);
        assertThat(second).isNotEqualTo(id);
        given().auth().oauth2(STAFF).get("/staff/companies/{id}", company)
                .then().statusCode(200).body("history.event_type", org.hamcrest.Matchers.contains(
                        "PlanChanged", "AccessRequested", "AccessRejected", "AccessRequested"));
    }

    @Test
    void downgradeSuspendsAndUpgradeReinstates() {
        String company = company();
        setPlan(company, "PAID");
        String id = requestAccess(company, 201);
        // DESIGN's approve has no body: a bare POST (no Content-Type) is enough
        given().auth().oauth2(STAFF).post("/staff/access-requests/{id}/approve", id).then().statusCode(200).body("status", equalTo("APPROVED"));
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"plan\":\"TRIAL\"}").put("/staff/companies/{id}/plan", company)
                .then().statusCode(200).body("access_status", equalTo("SUSPENDED"));
        setPlan(company, "PAID");
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-access").then().body("status", equalTo("APPROVED"));
        try (KafkaProbe probe = KafkaProbe.topic("truffle.access.v1")) {
            EventContracts.own().assertValid("AccessSuspended", probe.awaitType("AccessSuspended", company, Duration.ofSeconds(20)).value());
            EventContracts.own().assertValid("AccessReinstated", probe.awaitType("AccessReinstated", company, Duration.ofSeconds(20)).value());
        }
    }

    @Test
    void onlyStaffUseStaffRoutesAndOnlyAdminsTheirOwn() {
        String company = company();
        given().get("/v1/api-access").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/staff/access-requests").then().statusCode(403);
        given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON).body("{\"plan\":\"PAID\"}")
                .put("/staff/companies/{id}/plan", company).then().statusCode(403);
        given().auth().oauth2(InternalTokens.apiKey(company, "ADMIN")).get("/v1/api-access").then().statusCode(403);
        given().auth().oauth2(STAFF).get("/v1/api-access").then().statusCode(403);
        given().auth().oauth2("not-a-jwt").get("/v1/api-access").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String company = company();
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"plan\":\"GOLD\"}").put("/staff/companies/{id}/plan", company)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("plan"));
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{}").put("/staff/companies/{id}/plan", company)
                .then().statusCode(422).body("errors.field", hasItem("plan"));
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"plan\":").put("/staff/companies/{id}/plan", company)
                .then().statusCode(400).body("type", equalTo("https://docs.truffle.dev/problems/malformed-json"));
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"plan\":1}").put("/staff/companies/{id}/plan", company)
                .then().statusCode(400);
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body("{\"plan\":\"PAID\"}").put("/staff/companies/{id}/plan", "bad id!")
                .then().statusCode(400);
        setPlan(company, "PAID");
        given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON)
                .body("{\"use_case\":\"" + "x".repeat(2001) + "\"}").post("/v1/api-access/requests")
                .then().statusCode(422).body("errors[0].field", equalTo("use_case"));
        given().auth().oauth2(STAFF).get("/staff/access-requests?status=NOPE").then().statusCode(400);
        given().auth().oauth2(STAFF).get("/staff/access-requests?cursor=garbage").then().statusCode(400);
        given().auth().oauth2(STAFF).get("/staff/access-requests/{id}", "not-a-uuid").then().statusCode(404);
        assertThat(TestDatabase.count("select count(*) from access_request where company_id = ?", company)).isZero();
        assertThat(TestDatabase.count("select count(*) from access_audit where company_id = ?", company)).isEqualTo(1);
    }

    @Test
    void theStaffQueueIsPagedOldestFirst() {
        for (int i = 0; i < 3; i++) {
            String company = company();
            setPlan(company, "PAID");
            requestAccess(company, 201);
        }
        String cursor = null;
        java.util.List<String> seen = new java.util.ArrayList<>();
        do {
            var page = given().auth().oauth2(STAFF).queryParam("status", "PENDING").queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? new Object[0] : new Object[] {cursor})
                    .get("/staff/access-requests").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
    }
}
