package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.adminToken;
import static com.truffle.systemtest.Stack.gateway;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.truffle.deploy.stack.ashby.AshbySandbox;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Ashby's side of the partnership and the candidate's, through the gateway, for the flows of DESIGN §7 (4–7). */
final class Ashby {

    static AshbySandbox sandbox() {
        return Stack.get().ashbySandbox();
    }

    /** Ashby calling Truffle: HTTP Basic with the partner key as username and an empty password. */
    static RequestSpecification as(String partnerKey) {
        return gateway().auth().preemptive().basic(partnerKey, "").contentType(ContentType.JSON);
    }

    static String connect(String company, String ashbyKey) {
        return gateway().auth().oauth2(adminToken(company)).contentType(ContentType.JSON)
                .body(Map.of("ashby_api_key", ashbyKey)).post("/v1/integrations/ashby/connect")
                .then().statusCode(200).extract().path("truffle_key");
    }

    static Map<String, Object> card(String company) {
        return gateway().auth().oauth2(adminToken(company)).get("/v1/integrations/ashby").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    static String job(String writeKey, String title) {
        return gateway().auth().oauth2(writeKey).contentType(ContentType.JSON).body(Map.of("title", title,
                        "description", "Screening for " + title,
                        "questions", List.of(Map.of("prompt", "Which languages do you write?", "keywords", List.of("java", "sql")))))
                .post("/v1/jobs").then().statusCode(201).extract().path("id");
    }

    /** Waits until Ashby's assessment.list offers the job (PositionPublished reached the connector). */
    static void awaitListed(String partnerKey, String jobId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response r = as(partnerKey).body("{}").post("/partners/ashby/assessment.list");
            return r.statusCode() == 200 && r.jsonPath().getList("results.assessment_type_id").contains(jobId);
        });
    }

    static Map<String, Object> startBody(String jobId, String email, String applicationId) {
        return Map.of("assessment_type_id", jobId,
                "candidate", Map.of("ashby_id", UUID.randomUUID().toString(), "first_name", "Grace", "last_name", "Hopper",
                        "email", email, "ashby_profile_url", "https://app.ashbyhq.com/candidates/" + UUID.randomUUID()),
                "application", Map.of("ashby_id", applicationId, "status", "Active"),
                "job", Map.of("ashby_id", UUID.randomUUID().toString(), "name", "Engineer",
                        "ashby_job_url", "https://app.ashbyhq.com/jobs/1", "hiringTeam", List.of()),
                "some_field_ashby_added_later", Map.of("x", 1));
    }

    static String start(String partnerKey, String jobId, String email, String applicationId) {
        return as(partnerKey).body(startBody(jobId, email, applicationId)).post("/partners/ashby/assessment.start")
                .then().statusCode(200).extract().path("results.assessment_id");
    }

    /** The screener token from the candidate's mail. */
    static String screenerToken(String email) {
        var smtp = Stack.get().smtpCatcher();
        await().atMost(Duration.ofSeconds(30)).until(() -> !smtp.messagesTo(email).isEmpty());
        var mail = smtp.messagesTo(email).get(smtp.messagesTo(email).size() - 1);
        Matcher m = Pattern.compile("/screener/([A-Za-z0-9_-]{20,})").matcher(mail.text() + " " + mail.html());
        if (!m.find()) {
            throw new AssertionError("no screener link in the mail to " + email);
        }
        return m.group(1);
    }

    static void candidateCompletes(String token) {
        String questionId = gateway().get("/screener/{t}", token).then().statusCode(200).extract().path("questions[0].id");
        gateway().post("/screener/{t}/start", token).then().statusCode(200);
        gateway().contentType(ContentType.JSON)
                .body(Map.of("answers", List.of(Map.of("question_id", questionId, "answer", "Java every day, SQL too"))))
                .post("/screener/{t}/submit", token).then().statusCode(200);
    }

    static List<AshbySandbox.RecordedCall> accepted(String assessmentId) {
        return sandbox().updates(assessmentId).stream().filter(AshbySandbox.RecordedCall::accepted).toList();
    }

    private Ashby() {
    }
}
