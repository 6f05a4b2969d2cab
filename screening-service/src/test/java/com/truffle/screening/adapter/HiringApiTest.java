package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.KafkaProbe;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.domain.ScreenerToken;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import com.truffle.screening.support.Mailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class HiringApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    GreenMail greenMail;

    @Test
    void invitationMailScreenerCompletedWithScoresAndScreeningCompletedOnKafka() throws Exception {
        Api api = new Api();
        given().auth().oauth2(api.admin).contentType(ContentType.JSON)
                .body("{\"display_name\":\"Acme Robotics\",\"default_sender_name\":\"Acme Hiring\",\"timezone\":\"Europe/Paris\"}")
                .patch("/v1/account").then().statusCode(200).body("timezone", equalTo("Europe/Paris"));
        String job = api.createJob();
        String email = Api.email();
        String candidate = api.createCandidate(email);

        String screening = api.invite(candidate, job, 201);
        String token = Mailbox.awaitLink(greenMail, email, 1);
        Mailbox.Mail mail = Mailbox.to(greenMail, email).get(0);
        assertThat(mail.from()).contains("Acme Hiring");
        assertThat(mail.subject()).contains("Backend engineer").contains("Acme Robotics");
        assertThat(mail.text()).contains("http://gateway.test/screener/" + token).contains("Europe/Paris");
        assertThat(TestDatabase.query("select token_hash from screening where id = ?::uuid", screening).get(0).get("token_hash"))
                .as("only the token's hash is stored").isEqualTo(ScreenerToken.hash(token));
        assertThat(TestDatabase.count("select count(*) from screening where token_hash = ?", token)).isZero();

        JsonPath view = given().get("/screener/{t}", token).then().statusCode(200)
                .body("status", equalTo("INVITED")).body("job.title", equalTo("Backend engineer"))
                .body("company.name", equalTo("Acme Robotics")).body("questions", hasSize(2))
                .body("questions[0]", not(org.hamcrest.Matchers.hasKey("keywords")))
                .extract().jsonPath();
        List<String> questionIds = view.getList("questions.id");

        given().post("/screener/{t}/start", token).then().statusCode(200).body("status", equalTo("STARTED"));
        given().post("/screener/{t}/start", token).then().statusCode(200).body("status", equalTo("STARTED"));
        given().contentType(ContentType.JSON).body(Map.of("answers", List.of(
                Map.of("question_id", questionIds.get(0), "answer", "Java every day, SQL too."),
                Map.of("question_id", questionIds.get(1), "answer", "Unit tests and integration tests in CI."))))
                .post("/screener/{t}/submit", token).then().statusCode(200).body("status", equalTo("COMPLETED"));

        given().auth().oauth2(api.read).get("/v1/screenings/{id}", screening).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("candidate_id", equalTo(candidate)).body("job_id", equalTo(job))
                .body("score", equalTo(88)).body("scores.score", contains(100, 75))
                .body("scores.question_id", contains(questionIds.get(0), questionIds.get(1)))
                .body("answers[1].matched_keywords", contains("unit tests", "integration", "CI"))
                .body("completed_at", notNullValue());

        // a completed screening refuses further writes, with a clear problem
        given().post("/screener/{t}/start", token).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/screening-completed"));
        given().contentType(ContentType.JSON).body("{\"answers\":[]}").post("/screener/{t}/submit", token)
                .then().statusCode(409).body("type", containsString("screening-completed"));

        try (KafkaProbe probe = KafkaProbe.topic("truffle.screening.v1")) {
            ConsumerRecord<String, String> completed = probe.awaitType("ScreeningCompleted", screening, Duration.ofSeconds(20));
            EventContracts.own().assertValid("ScreeningCompleted", completed.value());
            JsonNode data = JSON.readTree(completed.value());
            assertThat(data.get("score").asInt()).isEqualTo(88);
            assertThat(data.get("scores")).hasSize(2);
            assertThat(KafkaProbe.header(completed, "ce_source")).isEqualTo("urn:truffle:screening-service");
            assertThat(KafkaProbe.header(completed, "ce_subject")).isEqualTo(screening);
            for (String type : List.of("ScreeningInvited", "ScreeningStarted")) {
                EventContracts.own().assertValid(type, probe.awaitType(type, screening, Duration.ofSeconds(10)).value());
            }
            EventContracts.own().assertValid("PositionPublished", probe.awaitType("PositionPublished", job, Duration.ofSeconds(10)).value());
            EventContracts.own().assertValid("CandidateAdded", probe.awaitType("CandidateAdded", candidate, Duration.ofSeconds(10)).value());
        }
    }

    @Test
    void reinvitingToTheSameJobKeepsOneScreeningAndMailsAFreshLink() {
        Api api = new Api();
        Api.Invited invited = api.invitedCandidate(greenMail);
        api.as(api.write).body("{\"job_id\":\"" + invited.job() + "\"}").post("/v1/candidates/{id}/invitations", invited.candidate())
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("screening_id", org.hamcrest.Matchers.equalTo(invited.screening()));
        String newToken = Mailbox.awaitLink(greenMail, invited.email(), 2);
        assertThat(newToken).isNotEqualTo(invited.token());
        given().get("/screener/{t}", invited.token()).then().statusCode(404);
        given().get("/screener/{t}", newToken).then().statusCode(200);
        assertThat(TestDatabase.count("select count(*) from screening where candidate_id = ?::uuid", invited.candidate())).isEqualTo(1);
        given().auth().oauth2(api.read).get("/v1/screenings?candidate_id=" + invited.candidate()).then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo(invited.screening()));
    }

    @Test
    void anExpiredLinkRefusesWritesAndAClosedJobRefusesInvitations() {
        Api api = new Api();
        Api.Invited invited = api.invitedCandidate(greenMail);
        TestDatabase.query("update screening set expires_at = now() - interval '1 minute' where id = ?::uuid returning id", invited.screening());
        given().get("/screener/{t}", invited.token()).then().statusCode(200).body("expired", equalTo(true));
        given().post("/screener/{t}/start", invited.token()).then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/screening-expired"));
        given().get("/screener/{t}", "x".repeat(43)).then().statusCode(404).contentType("application/problem+json");

        api.as(api.write).body("{\"status\":\"CLOSED\"}").patch("/v1/jobs/{id}", invited.job()).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        String other = api.createCandidate(Api.email());
        api.as(api.write).body("{\"job_id\":\"" + invited.job() + "\"}").post("/v1/candidates/{id}/invitations", other)
                .then().statusCode(409).body("type", containsString("job-closed"));
        try (KafkaProbe probe = KafkaProbe.topic("truffle.screening.v1")) {
            ConsumerRecord<String, String> updated = probe.await(r -> "PositionUpdated".equals(KafkaProbe.header(r, "ce_type"))
                    && invited.job().equals(r.key()) && r.value().contains("CLOSED"), Duration.ofSeconds(20));
            EventContracts.own().assertValid("PositionUpdated", updated.value());
        }
    }

    @Test
    void jobsCanBeListedReadAndEditedKeepingQuestionIds() {
        Api api = new Api();
        String job = api.createJob();
        JsonPath got = given().auth().oauth2(api.read).get("/v1/jobs/{id}", job).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("questions", hasSize(2))
                .body("questions[0].keywords", contains("Java", "SQL")).extract().jsonPath();
        String q0 = got.getString("questions[0].id");
        api.as(api.write).body("{\"title\":\"Senior backend engineer\",\"questions\":[{\"id\":\"" + q0
                + "\",\"prompt\":\"Languages?\",\"keywords\":[\"Kotlin\"]}]}")
                .patch("/v1/jobs/{id}", job).then().statusCode(200).body("title", equalTo("Senior backend engineer"))
                .body("questions", hasSize(1)).body("questions[0].id", equalTo(q0));
        given().auth().oauth2(api.read).get("/v1/jobs?status=OPEN").then().statusCode(200)
                .body("data.id", contains(job)).body("next_cursor", nullValue());
        given().auth().oauth2(api.read).get("/v1/jobs?status=NOPE").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void candidatesAreUniqueByEmailPerCompanyAndScopedToTheirCompany() {
        Api acme = new Api();
        Api globex = new Api();
        String email = Api.email();
        String id = acme.createCandidate(email);
        acme.as(acme.write).body("{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"" + email.toUpperCase() + "\"}")
                .post("/v1/candidates").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/candidate-email-taken"))
                .body("errors[0].field", equalTo("email"));
        globex.createCandidate(email); // another company may have the same person

        String second = acme.createCandidate(Api.email());
        acme.as(acme.write).body("{\"email\":\"" + email + "\"}").patch("/v1/candidates/{id}", second)
                .then().statusCode(409).body("type", containsString("candidate-email-taken"));
        acme.as(acme.write).body("{\"phone\":\"+33 1 23 45 67 89\",\"last_name\":\"King\"}").patch("/v1/candidates/{id}", id)
                .then().statusCode(200).body("phone", equalTo("+33 1 23 45 67 89")).body("last_name", equalTo("King"));

        given().auth().oauth2(globex.read).get("/v1/candidates/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        globex.as(globex.write).body("{\"first_name\":\"X\"}").patch("/v1/candidates/{id}", id).then().statusCode(404);
        String job = acme.createJob();
        given().auth().oauth2(globex.read).get("/v1/jobs/{id}", job).then().statusCode(404);
        globex.as(globex.write).body("{\"job_id\":\"" + job + "\"}").post("/v1/candidates/{id}/invitations", id)
                .then().statusCode(404);
        String globexCandidate = globex.createCandidate(Api.email());
        globex.as(globex.write).body("{\"job_id\":\"" + job + "\"}").post("/v1/candidates/{id}/invitations", globexCandidate)
                .then().statusCode(422).body("errors[0].field", equalTo("job_id"));
        String screening = acme.invite(id, job, 201);
        given().auth().oauth2(globex.read).get("/v1/screenings/{id}", screening).then().statusCode(404);
        given().auth().oauth2(globex.read).get("/v1/screenings?job_id=" + job).then().statusCode(200).body("data", hasSize(0));
        given().auth().oauth2(acme.read).get("/v1/screenings?candidate_email=" + email.toUpperCase() + "&status=INVITED")
                .then().statusCode(200).body("data.id", contains(screening));
        try (KafkaProbe probe = KafkaProbe.topic("truffle.screening.v1")) {
            EventContracts.own().assertValid("CandidateUpdated", probe.awaitType("CandidateUpdated", id, Duration.ofSeconds(20)).value());
        }
    }

    @Test
    void permissionsFollowTheKeyLevel() {
        Api api = new Api();
        given().get("/v1/candidates").then().statusCode(401).contentType("application/problem+json");
        api.as(api.read).body("{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"" + Api.email() + "\"}")
                .post("/v1/candidates").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(api.read).get("/v1/candidates").then().statusCode(200).body("data", hasSize(0))
                .body("next_cursor", nullValue());
        given().auth().oauth2(api.write).get("/v1/webhooks").then().statusCode(403);
        given().auth().oauth2(api.write).get("/v1/account").then().statusCode(403);
        given().auth().oauth2(api.admin).get("/v1/account").then().statusCode(200).body("timezone", equalTo("UTC"))
                .body("effective_sender_name", equalTo(api.company)); // the company's, never "Truffle"
        given().auth().oauth2(com.truffle.platform.testing.InternalTokens.staff()).get("/v1/candidates").then().statusCode(403);
        given().auth().oauth2(api.admin).contentType(ContentType.JSON).body("{\"timezone\":\"America/New_York\"}")
                .patch("/v1/account").then().statusCode(200).body("timezone", equalTo("America/New_York"));
        given().auth().oauth2(api.admin).get("/v1/account").then().body("timezone", equalTo("America/New_York"))
                .body("default_sender_name", nullValue());
        assertThat(List.of(given().get("/q/health/ready").then().extract().statusCode())).contains(200);
        given().auth().oauth2(api.admin).get("/v1/webhooks").then().statusCode(200).body("data", hasSize(0))
                .body("data", not(hasItem(notNullValue())));
    }
}
