package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.stack.smtp.SmtpCatcher;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Issue 5's end-to-end line: write key → job, candidate, invitation by real mail → screener → read key sees the scores. */
class HiringApiIT {

    @Test
    void invitationByMailScreenerCompletesAndTheScoresAreReadableAndPublished() {
        String company = Platform.approvedCompany();
        String write = Platform.createKey(company, "WRITE").getString("secret");
        String read = Platform.createKey(company, "READ").getString("secret");

        JsonPath job = gateway().auth().oauth2(write).contentType(ContentType.JSON).body(Map.of(
                        "title", "Backend Engineer", "description", "Java and Kafka",
                        "questions", List.of(
                                Map.of("prompt", "Which JVM languages have you shipped?", "keywords", List.of("java", "kotlin")),
                                Map.of("prompt", "How do you keep events in order?", "keywords", List.of("partition", "key", "outbox")))))
                .post("/v1/jobs").then().statusCode(201).extract().jsonPath();
        String jobId = job.getString("id");
        String email = "ada+" + UUID.randomUUID() + "@example.com";
        String candidateId = gateway().auth().oauth2(write).contentType(ContentType.JSON)
                .body(Map.of("first_name", "Ada", "last_name", "Lovelace", "email", email))
                .post("/v1/candidates").then().statusCode(201).extract().path("id");
        String screeningId = gateway().auth().oauth2(write).contentType(ContentType.JSON).body(Map.of("job_id", jobId))
                .post("/v1/candidates/{id}/invitations", candidateId)
                .then().statusCode(201).body("status", equalTo("INVITED")).extract().path("screening_id");

        // the candidate's mail, through real SMTP, holds the screener link (the gateway's public URL)
        SmtpCatcher smtp = Stack.get().smtpCatcher();
        await().atMost(Duration.ofSeconds(30)).until(() -> !smtp.messagesTo(email).isEmpty());
        var mail = smtp.messagesTo(email).get(0);
        Matcher link = Pattern.compile(Pattern.quote(Stack.get().gatewayUrl()) + "/screener/([A-Za-z0-9_-]{20,})")
                .matcher(mail.text() + " " + mail.html());
        assertThat(link.find()).as("a screener link in: " + mail.text()).isTrue();
        String token = link.group(1);

        // the candidate, with no credentials but the token, through the gateway
        JsonPath screener = gateway().get("/screener/{token}", token).then().statusCode(200)
                .body("job.title", equalTo("Backend Engineer")).extract().jsonPath();
        List<String> questionIds = screener.getList("questions.id");
        gateway().post("/screener/{token}/start", token).then().statusCode(200).body("status", equalTo("STARTED"));
        gateway().contentType(ContentType.JSON).body(Map.of("answers", List.of(
                        Map.of("question_id", questionIds.get(0), "answer", "Mostly Java, some Kotlin."),
                        Map.of("question_id", questionIds.get(1), "answer", "One partition per key."))))
                .post("/screener/{token}/submit", token).then().statusCode(200).body("status", equalTo("COMPLETED"));
        gateway().post("/screener/{token}/start", token).then().statusCode(409);

        // a READ key sees it COMPLETED with per-question and overall scores
        gateway().auth().oauth2(read).get("/v1/screenings/{id}", screeningId).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("candidate_id", equalTo(candidateId)).body("job_id", equalTo(jobId))
                .body("scores.size()", equalTo(2)).body("scores[0].score", equalTo(100)).body("scores[1].score", equalTo(67))
                .body("score", equalTo(84));
        gateway().auth().oauth2(read).get("/v1/screenings?candidate_email={e}", email).then().statusCode(200)
                .body("data.id", hasItem(screeningId));

        ConsumerRecord<String, String> completed = Events.await("truffle.screening.v1", "ScreeningCompleted",
                v -> v.contains(screeningId), Duration.ofSeconds(30));
        assertThat(completed.key()).isEqualTo(screeningId);
        assertThat(completed.value()).contains("\"score\":84");
    }
}
