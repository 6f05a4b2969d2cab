package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.truffle.platform.testing.TestInfrastructure;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.KafkaProbe;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import com.truffle.screening.support.Mailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The Ashby connector's commands, published to the real broker as the connector does (CloudEvents binary mode). */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class AshbyCommandConsumerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    GreenMail greenMail;
    KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    void publish(String ceId, String type, String key, Object payload) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("truffle.ashby.v1", key, JSON.writeValueAsString(payload));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", ceId.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "urn:truffle:ashby-connector-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", key.getBytes(StandardCharsets.UTF_8))
                .add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    @Test
    void assessmentRequestedInvitesOnceAndAssessmentCancelledCancels() throws Exception {
        Api api = new Api();
        String job = api.createJob();
        String assessment = "ashby-" + UUID.randomUUID();
        String email = Api.email();
        String commandId = UUID.randomUUID().toString();
        Map<String, Object> requested = Map.of("command_id", commandId, "company_id", api.company, "assessment_id", assessment,
                "job_id", job, "candidate", Map.of("email", email, "first_name", "Grace", "last_name", "Hopper",
                        "external_id", "ashby-cand-1"), "occurred_at", Instant.now().toString());
        String ceId = UUID.randomUUID().toString();
        publish(ceId, "AssessmentRequested", assessment, requested);

        String token = Mailbox.awaitLink(greenMail, email, 1);
        JsonPath list = given().auth().oauth2(api.read).queryParam("candidate_email", email).get("/v1/screenings")
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("data")).hasSize(1);
        String screening = list.getString("data[0].id");
        assertThat(list.getString("data[0].source_ref")).isEqualTo(assessment);
        given().auth().oauth2(api.read).get("/v1/candidates/{id}", list.getString("data[0].candidate_id")).then()
                .body("first_name", equalTo("Grace")).body("external_id", equalTo("ashby-cand-1"));
        given().get("/screener/{t}", token).then().statusCode(200).body("status", equalTo("INVITED"));

        // the same record again (same ce_id), and the same command under a new ce_id: nothing happens twice
        publish(ceId, "AssessmentRequested", assessment, requested);
        publish(UUID.randomUUID().toString(), "AssessmentRequested", assessment, requested);
        // an unrelated type on the topic is ignored
        publish(UUID.randomUUID().toString(), "AshbyConnected", assessment, Map.of("company_id", api.company,
                "partner_key_id", "k", "occurred_at", Instant.now().toString()));
        // cancel: same key, so same partition, so handled after the duplicates above
        publish(UUID.randomUUID().toString(), "AssessmentCancelled", assessment, Map.of("command_id", UUID.randomUUID().toString(),
                "company_id", api.company, "assessment_id", assessment, "reason", "Disqualified in Ashby",
                "occurred_at", Instant.now().toString()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(api.read)
                .get("/v1/screenings/{id}", screening).then().body("status", equalTo("CANCELLED"))
                .body("cancel_reason", equalTo("Disqualified in Ashby")));
        assertThat(TestDatabase.count("select count(*) from screening where company_id = ?", api.company)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from candidate where company_id = ?", api.company)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from invitation_mail where company_id = ?", api.company)).isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from processed_command where command_id = ?::uuid", commandId)).isEqualTo(1);
        assertThat(Mailbox.to(greenMail, email)).hasSize(1);
        given().post("/screener/{t}/start", token).then().statusCode(409)
                .body("type", equalTo("https://docs.truffle.dev/problems/screening-cancelled"));

        try (KafkaProbe probe = KafkaProbe.topic("truffle.screening.v1")) {
            var invited = probe.awaitType("ScreeningInvited", screening, Duration.ofSeconds(20));
            EventContracts.own().assertValid("ScreeningInvited", invited.value());
            assertThat(JSON.readTree(invited.value()).get("source_ref").asText()).isEqualTo(assessment);
            var cancelled = probe.awaitType("ScreeningCancelled", screening, Duration.ofSeconds(20));
            EventContracts.own().assertValid("ScreeningCancelled", cancelled.value());
            JsonNode data = JSON.readTree(cancelled.value());
            assertThat(data.get("source_ref").asText()).isEqualTo(assessment);
            assertThat(data.get("reason").asText()).isEqualTo("Disqualified in Ashby");
            // the cancel was published after the duplicates, under the same key: all that came of them is before it
            List<String> invitedTypes = probe.upTo(cancelled).stream()
                    .filter(r -> screening.equals(r.key())).map(r -> KafkaProbe.header(r, "ce_type")).toList();
            assertThat(invitedTypes).containsOnlyOnce("ScreeningInvited").containsOnlyOnce("ScreeningCancelled");
            EventContracts.own().assertValid("CandidateAdded", probe.await(r -> "CandidateAdded".equals(KafkaProbe.header(r, "ce_type"))
                    && r.value().contains(email), Duration.ofSeconds(10)).value());
        }
    }

    @Test
    void aNewAssessmentAfterTheFirstFinishedIsANewScreeningWithItsOwnLinkAndMail() throws Exception {
        Api api = new Api();
        String job = api.createJob();
        String email = Api.email();
        Map<String, Object> candidate = Map.of("email", email, "first_name", "Grace", "last_name", "Hopper");
        String first = "ashby-" + UUID.randomUUID();
        publish(UUID.randomUUID().toString(), "AssessmentRequested", first, Map.of("command_id", UUID.randomUUID().toString(),
                "company_id", api.company, "assessment_id", first, "job_id", job, "candidate", candidate,
                "occurred_at", Instant.now().toString()));
        String firstToken = Mailbox.awaitLink(greenMail, email, 1);
        publish(UUID.randomUUID().toString(), "AssessmentCancelled", first, Map.of("command_id", UUID.randomUUID().toString(),
                "company_id", api.company, "assessment_id", first, "reason", "Moved to a later stage",
                "occurred_at", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from screening where company_id = ? and status = 'CANCELLED'", api.company) == 1);

        // Ashby starts the same candidate on the same position again: a new assessment id
        String second = "ashby-" + UUID.randomUUID();
        publish(UUID.randomUUID().toString(), "AssessmentRequested", second, Map.of("command_id", UUID.randomUUID().toString(),
                "company_id", api.company, "assessment_id", second, "job_id", job, "candidate", candidate,
                "occurred_at", Instant.now().toString()));
        String secondToken = Mailbox.awaitLink(greenMail, email, 2);
        assertThat(secondToken).isNotEqualTo(firstToken);
        given().get("/screener/{t}", secondToken).then().statusCode(200).body("status", equalTo("INVITED"));
        JsonPath list = given().auth().oauth2(api.read).queryParam("candidate_email", email).get("/v1/screenings")
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("data.source_ref", String.class)).containsExactlyInAnyOrder(first, second);
        assertThat(list.getList("data.status", String.class)).containsExactlyInAnyOrder("CANCELLED", "INVITED");
        assertThat(TestDatabase.count("select count(*) from candidate where company_id = ?", api.company)).isEqualTo(1);
    }

    @Test
    void aCommandForAnUnknownPositionIsRecordedAsRejectedAndDoesNotBlockTheTopic() throws Exception {
        Api api = new Api();
        String commandId = UUID.randomUUID().toString();
        String assessment = "ashby-" + UUID.randomUUID();
        publish(UUID.randomUUID().toString(), "AssessmentRequested", assessment, Map.of("command_id", commandId,
                "company_id", api.company, "assessment_id", assessment, "job_id", UUID.randomUUID().toString(),
                "candidate", Map.of("email", Api.email()), "occurred_at", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from processed_command where command_id = ?::uuid and outcome like 'rejected%'", commandId) == 1);
        assertThat(TestDatabase.count("select count(*) from candidate where company_id = ?", api.company)).isZero();

        String job = api.createJob();
        String email = Api.email();
        publish(UUID.randomUUID().toString(), "AssessmentRequested", assessment, Map.of("command_id", UUID.randomUUID().toString(),
                "company_id", api.company, "assessment_id", assessment, "job_id", job,
                "candidate", Map.of("email", email), "occurred_at", Instant.now().toString()));
        Mailbox.awaitLink(greenMail, email, 1);
    }
}
