package com.truffle.ashby.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truffle.ashby.support.AshbyWireMock;
import com.truffle.ashby.support.Fixtures;
import com.truffle.ashby.support.Fixtures.Admin;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.KafkaProbe;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The endpoints Ashby calls, in Ashby's wire format (reference §3, §5, §6). */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(AshbyWireMock.class)
class AshbyPartnerApiTest {

    static ValidatableResponse partner(String company, String endpoint, String body) {
        return given().auth().oauth2(InternalTokens.partnerAshby(company)).contentType(ContentType.JSON).body(body)
                .post("/partners/ashby/" + endpoint).then();
    }

    static String connectedCompany() {
        Admin admin = new Admin(Fixtures.company());
        Fixtures.connected(admin, Fixtures.ashbyKey());
        return admin.company();
    }

    /** A connected company with one open position; returns {company, jobId}. */
    static String[] withOpenPosition() {
        String company = connectedCompany();
        String job = UUID.randomUUID().toString();
        Fixtures.position(company, job, "Backend Engineer", "OPEN");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner(company, "assessment.list", "{}")
                .statusCode(200).body("results.assessment_type_id", org.hamcrest.Matchers.hasItem(job)));
        return new String[] {company, job};
    }

    @Test
    void listIsTheCompanysOpenPositionsInAshbysEnvelope() throws Exception {
        String company = connectedCompany();
        String open1 = UUID.randomUUID().toString();
        String open2 = UUID.randomUUID().toString();
        String closed = UUID.randomUUID().toString();
        Fixtures.position(company, open1, "Backend Engineer", "OPEN");
        Fixtures.position(company, open2, "Data Engineer", "OPEN");
        Fixtures.position(company, closed, "Closed role", "CLOSED");
        Fixtures.position(Fixtures.company(), UUID.randomUUID().toString(), "Another company's role", "OPEN");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner(company, "assessment.list", "{}")
                .statusCode(200).contentType(ContentType.JSON)
                .body("success", equalTo(true))
                .body("results.assessment_type_id", containsInAnyOrder(open1, open2)));
        String raw = partner(company, "assessment.list", "").statusCode(200).extract().asString();
        JsonNode list = Fixtures.JSON.readTree(raw);
        assertThat(list.fieldNames()).toIterable().containsExactly("success", "results");
        for (JsonNode item : list.get("results")) {
            assertThat(item.fieldNames()).toIterable().containsExactlyInAnyOrder("assessment_type_id", "name", "description");
            assertThat(item.get("assessment_type_id").isTextual()).isTrue();
            assertThat(item.get("name").isTextual()).isTrue();
            assertThat(item.get("description").isTextual()).isTrue();
        }

        // a position that closes is no longer offered
        Fixtures.publish("truffle.screening.v1", open2, "PositionUpdated", Fixtures.JSON.createObjectNode().put("company_id", company)
                .put("job_id", open2).put("title", "Data Engineer").put("status", "CLOSED").put("question_count", 3)
                .put("occurred_at", java.time.Instant.now().toString()).toString());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> partner(company, "assessment.list", "{}")
                .body("results.assessment_type_id", containsInAnyOrder(open1)));
    }

    @Test
    void startAnswersAtOnceIsOneAssessmentPerApplicationCountsAsActivityAndAsksScreeningServiceToInvite() throws Exception {
        String[] fixture = withOpenPosition();
        String company = fixture[0];
        String job = fixture[1];
        String application = UUID.randomUUID().toString();
        String email = "ada+" + company + "@example.com";

        String body = Fixtures.startBody(job, email, application);
        String raw = partner(company, "assessment.start", body).statusCode(200).contentType(ContentType.JSON).extract().asString();
        JsonNode answer = Fixtures.JSON.readTree(raw);
        assertThat(answer.get("success").asBoolean()).isTrue();
        String id = answer.path("results").path("assessment_id").asText();
        assertThat(UUID.fromString(id)).isNotNull();

        // Ashby's spec: while the application is being assessed, a start again is a 409
        partner(company, "assessment.start", body).statusCode(409).body("message", containsString("already being assessed"));
        String other = Fixtures.start(company, job, email, UUID.randomUUID().toString());
        assertThat(other).as("another application is another assessment").isNotEqualTo(id);

        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/integrations/ashby").then()
                .body("last_activity_at", notNullValue()).body("status", equalTo("CONNECTED"));

        try (KafkaProbe probe = KafkaProbe.topic("truffle.ashby.v1")) {
            ConsumerRecord<String, String> requested = probe.awaitType("AssessmentRequested", id, Duration.ofSeconds(20));
            EventContracts.own().assertValid("AssessmentRequested", requested.value());
            JsonNode event = Fixtures.JSON.readTree(requested.value());
            assertThat(event.path("command_id").asText()).isEqualTo(KafkaProbe.header(requested, "ce_id"));
            assertThat(event.path("company_id").asText()).isEqualTo(company);
            assertThat(event.path("assessment_id").asText()).isEqualTo(id);
            assertThat(event.path("job_id").asText()).isEqualTo(job);
            assertThat(event.path("candidate").path("email").asText()).isEqualTo(email);
            assertThat(event.path("candidate").path("first_name").asText()).isEqualTo("Ada");
            assertThat(event.path("candidate").path("last_name").asText()).isEqualTo("Lovelace");
            assertThat(event.path("candidate").path("external_id").isTextual()).isTrue();
            List<ConsumerRecord<String, String>> all = everythingPublished(probe);
            assertThat(all.stream().filter(r -> id.equals(r.key()) && "AssessmentRequested".equals(KafkaProbe.header(r, "ce_type"))))
                    .as("a repeated start asks only once").hasSize(1);
        }
    }

    @Test
    void withoutAnApplicationIdTheEmailAndTypeSayItIsTheSameAssessment() {
        String[] fixture = withOpenPosition();
        String body = "{\"assessment_type_id\":\"" + fixture[1] + "\",\"candidate\":{\"email\":\"Grace@Example.com\",\"first_name\":\"Grace\"}}";
        partner(fixture[0], "assessment.start", body).statusCode(200).extract().path("results.assessment_id");
        partner(fixture[0], "assessment.start", body.replace("Grace@Example.com", "grace@example.com")).statusCode(409);
        assertThat(TestDatabase.count("select count(*) from assessment where company_id = ?", fixture[0])).isEqualTo(1);
    }

    @Test
    void afterTheAssessmentCompletedAStartIsANewAssessmentWithANewInvitation() throws Exception {
        String[] fixture = withOpenPosition();
        String company = fixture[0];
        String application = UUID.randomUUID().toString();
        String first = Fixtures.start(company, fixture[1], "again@example.com", application);
        ObjectNode done = Fixtures.screening(company, UUID.randomUUID().toString(), first).put("score", 90)
                .put("started_at", java.time.Instant.now().minusSeconds(60).toString()).put("completed_at", java.time.Instant.now().toString())
                .put("duration_seconds", 60);
        done.putArray("scores").addObject().put("question_id", "q-1").put("prompt", "Why?").put("score", 90);
        Fixtures.screeningEvent("ScreeningCompleted", done);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                TestDatabase.query("select status from assessment where id = ?::uuid", first).get(0).get("status")));

        try (KafkaProbe probe = KafkaProbe.topic("truffle.ashby.v1")) {
            String second = Fixtures.start(company, fixture[1], "again@example.com", application);
            assertThat(second).as("a finished assessment does not block a new one").isNotEqualTo(first);
            ConsumerRecord<String, String> requested = probe.awaitType("AssessmentRequested", second, Duration.ofSeconds(20));
            assertThat(Fixtures.JSON.readTree(requested.value()).path("candidate").path("email").asText()).isEqualTo("again@example.com");
        }
    }

    @Test
    void startRefusesWhatItCannotDoWithAMessageForTheAshbyUser() {
        String[] fixture = withOpenPosition();
        String company = fixture[0];
        String closed = UUID.randomUUID().toString();
        Fixtures.position(company, closed, "Closed role", "CLOSED");
        for (String body : List.of(
                Fixtures.startBody(UUID.randomUUID().toString(), "x@example.com", "app-1"),
                "{\"assessment_type_id\":\"" + fixture[1] + "\",\"candidate\":{\"first_name\":\"No\",\"last_name\":\"Email\"}}",
                "{\"assessment_type_id\":\"" + fixture[1] + "\",\"candidate\":{\"email\":\"not-an-email\"}}",
                "{\"candidate\":{\"email\":\"x@example.com\"}}")) {
            String raw = partner(company, "assessment.start", body).statusCode(422).contentType(ContentType.JSON).extract().asString();
            JsonNode answer = Fixtures.tree(raw);
            assertThat(answer.fieldNames()).toIterable().containsExactly("message");
            assertThat(answer.get("message").asText()).isNotBlank();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                partner(company, "assessment.start", Fixtures.startBody(closed, "x@example.com", "app-2")).statusCode(422)
                        .body("message", org.hamcrest.Matchers.containsString("Unknown assessment type")));

        // on start, what is wrong with the request is a 422 the Ashby user reads (Ashby's spec)
        partner(company, "assessment.start", "{\"assessment_type_id\":").statusCode(422).contentType(ContentType.JSON)
                .body("message", containsString("malformed"));
        partner(company, "assessment.start", "[1,2]").statusCode(422).body("message", notNullValue());
        // ids longer than any real one are malformed input, never a 500 from the unique index
        partner(company, "assessment.start", Fixtures.startBody(fixture[1], "x@example.com", "a".repeat(5000))).statusCode(422)
                .body("message", containsString("ashby_id"));
        // elsewhere the error object comes under HTTP 200 (Ashby's spec)
        partner(company, "assessment.cancel", "{\"assessment_id\":\"" + "b".repeat(5000) + "\"}").statusCode(200)
                .body("success", equalTo(false)).body("errorInfo.code", equalTo("invalid_input"));
        assertThat(TestDatabase.count("select count(*) from assessment where company_id = ?", company)).isZero();
    }

    @Test
    void cancelIsIdempotentAndAsksScreeningServiceToCancelOnce() throws Exception {
        String[] fixture = withOpenPosition();
        String company = fixture[0];
        String application = UUID.randomUUID().toString();
        String id = Fixtures.start(company, fixture[1], "cancel@example.com", application);

        for (int i = 0; i < 2; i++) {
            String raw = partner(company, "assessment.cancel", "{\"assessment_id\":\"" + id + "\"}").statusCode(200).extract().asString();
            assertThat(Fixtures.tree(raw)).isEqualTo(Fixtures.tree("{\"success\":true,\"results\":{\"assessment_id\":\"" + id + "\"}}"));
        }
        partner(company, "assessment.cancel", "{\"assessment_id\":\"" + UUID.randomUUID() + "\"}").statusCode(200)
                .body("success", equalTo(true));
        partner(company, "assessment.cancel", "{\"assessment_id\":\"not-ours\"}").statusCode(200).body("success", equalTo(true));
        partner(company, "assessment.cancel", "{}").statusCode(200).body("success", equalTo(false))
                .body("errorInfo.code", equalTo("invalid_input"));

        try (KafkaProbe probe = KafkaProbe.topic("truffle.ashby.v1")) {
            ConsumerRecord<String, String> cancelled = probe.awaitType("AssessmentCancelled", id, Duration.ofSeconds(20));
            EventContracts.own().assertValid("AssessmentCancelled", cancelled.value());
            JsonNode event = Fixtures.JSON.readTree(cancelled.value());
            assertThat(event.path("assessment_id").asText()).isEqualTo(id);
            assertThat(event.path("company_id").asText()).isEqualTo(company);
            assertThat(event.path("command_id").asText()).isEqualTo(KafkaProbe.header(cancelled, "ce_id"));
            assertThat(everythingPublished(probe).stream()
                    .filter(r -> id.equals(r.key()) && "AssessmentCancelled".equals(KafkaProbe.header(r, "ce_type")))).hasSize(1);
        }
        String restarted = Fixtures.start(company, fixture[1], "cancel@example.com", application);
        assertThat(restarted).as("after a cancel, starting again is a new assessment").isNotEqualTo(id);
    }

    @Test
    void oneCompanyCannotCancelAnothersAssessment() {
        String[] fixture = withOpenPosition();
        String id = Fixtures.start(fixture[0], fixture[1], "victim@example.com", UUID.randomUUID().toString());
        partner(Fixtures.company(), "assessment.cancel", "{\"assessment_id\":\"" + id + "\"}").statusCode(200);
        assertThat(TestDatabase.query("select status from assessment where id = ?::uuid", id).get(0).get("status")).isEqualTo("REQUESTED");
    }

    @Test
    void bothCustomFieldPathsAnswerAnEmptyFieldList() throws Exception {
        String company = connectedCompany();
        for (String path : List.of("assessment.customField.list", "assessment.customFields.fetch")) {
            String raw = partner(company, path, "{}").statusCode(200).contentType(ContentType.JSON).extract().asString();
            assertThat(Fixtures.JSON.readTree(raw)).isEqualTo(Fixtures.JSON.readTree("{\"success\":true,\"fields\":[]}"));
        }
    }

    @Test
    void errorsOnPartnerRoutesAreInAshbysEnvelopeNotProblemJson() {
        String company = Fixtures.company();
        given().contentType(ContentType.JSON).body("{}").post("/partners/ashby/assessment.list").then().statusCode(401)
                .contentType(ContentType.JSON).body("success", equalTo(false)).body("errorInfo.code", equalTo("unauthenticated"));
        given().auth().oauth2(InternalTokens.companyAdmin(company)).contentType(ContentType.JSON).body("{}")
                .post("/partners/ashby/assessment.start").then().statusCode(403).contentType(ContentType.JSON)
                .body("success", equalTo(false)).body("errorInfo.code", equalTo("forbidden")).body("type", nullValue());
        given().auth().oauth2(InternalTokens.partnerAshby(company)).contentType(ContentType.JSON).body("{}")
                .post("/partners/ashby/assessment.customField.list").then().statusCode(200);

        // not connected: Ashby should not be calling at all; list says so in the envelope, start in a message for the user
        partner(company, "assessment.list", "{}").statusCode(200).body("success", equalTo(false))
                .body("errorInfo.code", equalTo("integration_inactive")).body("errorInfo.requestId", notNullValue());
        partner(company, "assessment.start", Fixtures.startBody(UUID.randomUUID().toString(), "x@example.com", "a"))
                .statusCode(422).body("message", notNullValue());
        given().auth().oauth2(InternalTokens.partnerAshby(company)).contentType(ContentType.JSON).body("{}")
                .get("/partners/ashby/assessment.list").then().statusCode(not(equalTo(200)));
        // content negotiation fails before a route is chosen: still Ashby's envelope, never problem+json
        given().auth().oauth2(InternalTokens.partnerAshby(company)).contentType(ContentType.JSON).accept("image/png").body("{}")
                .post("/partners/ashby/assessment.start").then().statusCode(406).contentType(ContentType.JSON)
                .body("success", equalTo(false)).body("errorInfo.code", equalTo("not_acceptable")).body("type", nullValue());
        given().auth().oauth2(InternalTokens.partnerAshby(company)).contentType(ContentType.JSON).accept("application/xml")
                .body("{}").post("/partners/ashby/assessment.list").then().statusCode(406).body("success", equalTo(false));
        assertThat(TestDatabase.count("select count(*) from assessment where company_id = ?", company)).isZero();
    }

    /** What the connector has published, all of it: its outbox is empty (nothing committed left to send) and the probe read to the end. */
    private static List<ConsumerRecord<String, String>> everythingPublished(KafkaProbe probe) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("select count(*) from outbox_event") == 0);
        return probe.toEnd(Duration.ofSeconds(20));
    }
}
