package com.truffle.screening.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import com.truffle.platform.testing.InternalTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A company's API keys (as the gateway's internal JWTs) and the calls most tests need. */
public final class Api {

    public final String company;
    public final String read;
    public final String write;
    public final String admin;

    public Api() {
        this("co-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public Api(String company) {
        this.company = company;
        this.read = InternalTokens.apiKey(company, "READ");
        this.write = InternalTokens.apiKey(company, "WRITE");
        this.admin = InternalTokens.apiKey(company, "ADMIN");
    }

    public RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static String email() {
        return "cand-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    public static final String JOB = """
            {"title":"Backend engineer","description":"Java and PostgreSQL","questions":[
              {"prompt":"Which languages do you use?","keywords":["Java","SQL"]},
              {"prompt":"How do you test?","keywords":["unit tests","integration","mocks","CI"]}]}""";

    /** Registers a webhook (as the ADMIN key) and answers the registration (201; the only answer with the secret). */
    public io.restassured.path.json.JsonPath registerWebhook(String url, String... eventTypes) {
        return as(admin).body(java.util.Map.of("url", url, "event_types", java.util.List.of(eventTypes), "description", "test"))
                .post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }

    public String createJob() {
        return as(write).body(JOB).post("/v1/jobs").then().statusCode(201).extract().path("id");
    }

    public String createCandidate(String email) {
        return as(write).body("{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\"}")
                .post("/v1/candidates").then().statusCode(201).extract().path("id");
    }

    /** A candidate invited to a new job, with the screener token from the mail that reached the SMTP server. */
    public record Invited(String job, String email, String candidate, String screening, String token) {
    }

    public Invited invitedCandidate(com.icegreen.greenmail.util.GreenMail greenMail) {
        String job = createJob();
        String email = email();
        String candidate = createCandidate(email);
        String screening = invite(candidate, job, 201);
        return new Invited(job, email, candidate, screening, Mailbox.awaitLink(greenMail, email, 1));
    }

    public String invite(String candidateId, String jobId, int expectedStatus) {
        var answer = as(write).body("{\"job_id\":\"" + jobId + "\"}").post("/v1/candidates/{id}/invitations", candidateId);
        answer.then().statusCode(expectedStatus);
        if (expectedStatus == 201) {
            org.assertj.core.api.Assertions.assertThat(answer.header("Idempotent-Replayed")).as("a first invitation is new").isNull();
        }
        return answer.path("screening_id");
    }
}
