package com.truffle.ashby.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truffle.platform.testing.TestInfrastructure;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.InternalTokens;
import io.restassured.http.ContentType;

/** What the service's tests set up again and again: companies, plans, positions, a connection, events from others. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    /** A fresh company per test: tests share one application and one database, never each other's data. */
    public static String company() {
        return "co-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String ashbyKey() {
        return "ashby_" + UUID.randomUUID().toString().replace("-", "");
    }

    // ---------------------------------------------------------------- events from other services, on the real broker

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** A record as the producers' outbox relays write it: CloudEvents binary mode, ce_* headers, JSON value. */
    public static String publish(String topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        publish(topic, key, type, json, id);
        return id;
    }

    public static void publish(String topic, String key, String type, String json, String ceId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", ceId);
        header(record, "ce_type", type);
        header(record, "ce_source", "urn:truffle:test");
        header(record, "ce_subject", key);
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        try {
            producer().send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** access-request-service's own PlanChanged sample, for this company and plan. */
    public static void plan(String company, String plan) {
        ObjectNode event = tree(EventContracts.producer("access-request-service").sample("PlanChanged"));
        event.put("company_id", company).put("plan", plan).put("to_plan", plan)
                .put("from_plan", "PAID".equals(plan) ? "TRIAL" : "PAID").put("occurred_at", Instant.now().toString());
        publish("truffle.access.v1", company, "PlanChanged", event.toString());
    }

    /** A paid company whose card the connector already shows as available. */
    public static void paid(String company) {
        plan(company, "PAID");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(InternalTokens.companyAdmin(company))
                .get("/v1/integrations/ashby").then().statusCode(200).body("available", equalTo(true)));
    }

    public static void position(String company, String jobId, String title, String status) {
        ObjectNode e = JSON.createObjectNode().put("company_id", company).put("job_id", jobId).put("title", title)
                .put("description", "Screening for " + title).put("status", status).put("question_count", 3)
                .put("occurred_at", Instant.now().toString());
        publish("truffle.screening.v1", jobId, "PositionPublished", e.toString());
    }

    public static ObjectNode screening(String company, String screeningId, String sourceRef) {
        ObjectNode e = JSON.createObjectNode().put("company_id", company).put("screening_id", screeningId)
                .put("candidate_id", UUID.randomUUID().toString()).put("job_id", UUID.randomUUID().toString())
                .put("occurred_at", Instant.now().toString());
        if (sourceRef != null) {
            e.put("source_ref", sourceRef);
        }
        return e;
    }

    public static void screeningEvent(String type, ObjectNode payload) {
        publish("truffle.screening.v1", payload.path("screening_id").asText(), type, payload.toString());
    }

    public static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the handshake, with WireMock playing key-service

    /** A company admin with an internal JWT; key-service (WireMock) knows this exact token. */
    public record Admin(String company, String token) {
        public Admin(String company) {
            this(company, InternalTokens.companyAdmin(company));
        }
    }

    public record Issued(String id, String secret) {
    }

    /** key-service issues a partner key to this admin's token only (create, and regenerate when asked). */
    public static Issued keyServiceIssues(Admin admin) {
        Issued issued = new Issued(UUID.randomUUID().toString(), "trf_ashby_" + UUID.randomUUID().toString().replace("-", ""));
        AshbyWireMock.keyService().stubFor(post(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + admin.token()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(partnerKeyJson(issued))));
        return issued;
    }

    public static String partnerKeyJson(Issued issued) {
        return JSON.createObjectNode().put("id", issued.id()).put("prefix", "trf_ashby_" + issued.secret().substring(10, 14))
                .put("last4", issued.secret().substring(issued.secret().length() - 4)).put("created_at", Instant.now().toString())
                .put("secret", issued.secret()).toString();
    }

    /** A paid company connected with {@code ashbyKey}; returns the Truffle key shown once. */
    public static String connected(Admin admin, String ashbyKey) {
        paid(admin.company());
        Issued issued = keyServiceIssues(admin);
        given().auth().oauth2(admin.token()).contentType(ContentType.JSON)
                .body(Map.of("ashby_api_key", ashbyKey))
                .post("/v1/integrations/ashby/connect")
                .then().statusCode(200).body("status", equalTo("CONNECTED")).body("truffle_key", equalTo(issued.secret()));
        return issued.secret();
    }

    /** The assessment id Ashby gets back from a start for this position and candidate. */
    public static String start(String company, String jobId, String email, String applicationId) {
        return given().auth().oauth2(InternalTokens.partnerAshby(company)).contentType(ContentType.JSON)
                .body(startBody(jobId, email, applicationId))
                .post("/partners/ashby/assessment.start")
                .then().statusCode(200).body("success", equalTo(true)).extract().path("results.assessment_id");
    }

    /** assessment.start as the reference shows it, with the fields Ashby added over time. */
    public static String startBody(String jobId, String email, String applicationId) {
        ObjectNode body = JSON.createObjectNode().put("assessment_type_id", jobId);
        body.putObject("candidate").put("ashby_id", UUID.randomUUID().toString()).put("first_name", "Ada").put("last_name", "Lovelace")
                .put("email", email).put("ashby_profile_url", "https://app.ashbyhq.com/candidates/123");
        body.putObject("application").put("ashby_id", applicationId).put("status", "Active");
        ObjectNode job = body.putObject("job").put("ashby_id", UUID.randomUUID().toString()).put("name", "Backend Engineer")
                .put("ashby_job_url", "https://app.ashbyhq.com/jobs/1").put("req_id", "REQ-7");
        job.putArray("hiringTeam").addObject().put("userId", UUID.randomUUID().toString()).put("firstName", "Grace")
                .put("lastName", "Hopper").put("email", "grace@example.com").put("role", "Hiring Manager");
        body.putObject("additional_fields").put("department", "eng");
        return body.toString();
    }

    private Fixtures() {
    }
}
