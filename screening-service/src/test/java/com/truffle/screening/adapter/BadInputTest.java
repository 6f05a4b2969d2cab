package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.ValidatableResponse;

/**
 * Every write route refuses bad input with a problem: malformed JSON and wrong types are 400, missing, oversized
 * or invalid fields 422 with the fields listed; and nothing changes in the database.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class BadInputTest {

    static final String LONG = "x".repeat(20_000);

    GreenMail greenMail;

    @Test
    void everyWriteRouteRefusesBadInputAndChangesNothing() {
        Api api = new Api();
        Api.Invited invited = api.invitedCandidate(greenMail);
        org.awaitility.Awaitility.await().until(() -> TestDatabase.count(
                "select count(*) from invitation_mail where company_id = ? and status = 'SENT'", api.company) == 1);
        String before = snapshot(api.company);

        // POST /v1/jobs
        malformed(api, Method.POST, "/v1/jobs");
        send(api, Method.POST, "/v1/jobs", "{}", 422).body("errors.field", hasItem("title")).body("errors.field", hasItem("questions"));
        send(api, Method.POST, "/v1/jobs", "{\"title\":123,\"questions\":[]}", 400).body("errors[0].field", equalTo("title"));
        send(api, Method.POST, "/v1/jobs", "{\"title\":\"T\",\"questions\":\"q\"}", 400).body("errors[0].field", equalTo("questions"));
        send(api, Method.POST, "/v1/jobs", "{\"title\":\"T\",\"status\":\"ARCHIVED\",\"questions\":[{\"prompt\":\"p\",\"keywords\":[\"k\"]}]}", 400)
                .body("errors[0].field", equalTo("status"));
        send(api, Method.POST, "/v1/jobs", Map.of("title", "x".repeat(201), "questions", List.of(Map.of("prompt", "p", "keywords", List.of("k")))), 422)
                .body("errors.field", hasItem("title"));
        send(api, Method.POST, "/v1/jobs", Map.of("title", "T", "questions", List.of(Map.of("prompt", "p", "keywords", List.of()))), 422)
                .body("errors.field", hasItem(startsWith("questions")));
        send(api, Method.POST, "/v1/jobs", Map.of("title", "T", "description", LONG, "questions", List.of(Map.of("prompt", " ", "keywords", List.of("k")))), 422)
                .body("errors.field", hasItem("description")).body("errors.field", hasItem(startsWith("questions")));

        // PATCH /v1/jobs/{id}
        String jobPath = "/v1/jobs/" + invited.job();
        malformed(api, Method.PATCH, jobPath);
        send(api, Method.PATCH, jobPath, "{\"status\":1}", 400);
        send(api, Method.PATCH, jobPath, "{\"title\":[\"a\"]}", 400);
        send(api, Method.PATCH, jobPath, "{\"title\":\"   \"}", 422).body("errors.field", hasItem("title"));
        send(api, Method.PATCH, jobPath, "{\"questions\":[]}", 422).body("errors.field", hasItem("questions"));
        send(api, Method.PATCH, jobPath, Map.of("questions", List.of(Map.of("id", "nope", "prompt", "p", "keywords", List.of("k")))), 422)
                .body("errors.field", hasItem("questions[0].id"));

        // POST /v1/candidates
        malformed(api, Method.POST, "/v1/candidates");
        send(api, Method.POST, "/v1/candidates", "{}", 422).body("errors.field", hasItem("first_name"))
                .body("errors.field", hasItem("last_name")).body("errors.field", hasItem("email"));
        send(api, Method.POST, "/v1/candidates", "{\"first_name\":1,\"last_name\":\"L\",\"email\":\"a@b.io\"}", 400)
                .body("errors[0].field", equalTo("first_name"));
        send(api, Method.POST, "/v1/candidates", Map.of("first_name", "F", "last_name", "L", "email", "not-an-email"), 422)
                .body("errors.field", hasItem("email"));
        send(api, Method.POST, "/v1/candidates", Map.of("first_name", LONG, "last_name", "L", "email", "a@b.io", "phone", "call me"), 422)
                .body("errors.field", hasItem("first_name")).body("errors.field", hasItem("phone"));

        // PATCH /v1/candidates/{id}
        String candidatePath = "/v1/candidates/" + invited.candidate();
        malformed(api, Method.PATCH, candidatePath);
        send(api, Method.PATCH, candidatePath, "{\"email\":\"nope\"}", 422).body("errors.field", hasItem("email"));
        send(api, Method.PATCH, candidatePath, "{\"first_name\":\"\"}", 422).body("errors.field", hasItem("first_name"));
        send(api, Method.PATCH, candidatePath, "{\"last_name\":false}", 400);

        // POST /v1/candidates/{id}/invitations
        String invitations = candidatePath + "/invitations";
        malformed(api, Method.POST, invitations);
        send(api, Method.POST, invitations, "{}", 422).body("errors.field", hasItem("job_id"));
        send(api, Method.POST, invitations, "{\"job_id\":5}", 400).body("errors[0].field", equalTo("job_id"));
        send(api, Method.POST, invitations, "{\"job_id\":\"not-a-uuid\"}", 422).body("errors.field", hasItem("job_id"));
        send(api, Method.POST, invitations, "{\"job_id\":\"" + LONG + "\"}", 422).body("errors.field", hasItem("job_id"));

        // POST /v1/webhooks
        malformed(api, Method.POST, "/v1/webhooks");
        send(api, Method.POST, "/v1/webhooks", "{}", 422).body("errors.field", hasItem("url")).body("errors.field", hasItem("event_types"));
        send(api, Method.POST, "/v1/webhooks", "{\"url\":\"https://example.com\",\"event_types\":\"CandidateAdded\"}", 400);
        send(api, Method.POST, "/v1/webhooks", Map.of("url", "ftp://example.com/x", "event_types", List.of("CandidateAdded")), 422)
                .body("errors.field", hasItem("url"));
        send(api, Method.POST, "/v1/webhooks", Map.of("url", "https://example.com/x", "event_types", List.of("CandidateAdded", "Nope")), 422)
                .body("errors.field", hasItem("event_types[1]"));
        send(api, Method.POST, "/v1/webhooks", Map.of("url", "https://example.com/" + LONG, "event_types", List.of("CandidateAdded")), 422)
                .body("errors.field", hasItem("url"));

        // PATCH /v1/account
        malformed(api, Method.PATCH, "/v1/account");
        send(api, Method.PATCH, "/v1/account", "{\"timezone\":\"Mars/Olympus_Mons\"}", 422).body("errors.field", hasItem("timezone"));
        send(api, Method.PATCH, "/v1/account", "{\"display_name\":123}", 400);
        send(api, Method.PATCH, "/v1/account", Map.of("default_sender_name", "x".repeat(101)), 422).body("errors.field", hasItem("default_sender_name"));
        send(api, Method.PATCH, "/v1/account", Map.of("default_sender_name", "Evil\r\nBcc: all@example.com"), 422)
                .body("errors.field", hasItem("default_sender_name"));

        // the screener: POST /screener/{token}/submit (and start on an unknown link)
        String submit = "/screener/" + invited.token() + "/submit";
        given().contentType(ContentType.JSON).body("{\"answers\":").post(submit).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://docs.truffle.dev/problems/malformed-json"));
        given().contentType(ContentType.JSON).body("{}").post(submit).then().statusCode(422).body("errors.field", hasItem("answers"));
        given().contentType(ContentType.JSON).body("{\"answers\":{}}").post(submit).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"answers\":[{\"question_id\":\"q\",\"answer\":7}]}").post(submit).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("answers", List.of(Map.of("question_id", "q", "answer", LONG))))
                .post(submit).then().statusCode(422).contentType("application/problem+json");
        given().post("/screener/{t}/start", "not-a-token").then().statusCode(404).contentType("application/problem+json");

        // routes without a body: unknown ids are 404 problems
        given().auth().oauth2(api.admin).delete("/v1/webhooks/{id}", "nope").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(api.admin).post("/v1/webhooks/{id}/test", "nope").then().statusCode(404);
        given().auth().oauth2(api.write).contentType(ContentType.JSON).body("{\"title\":\"x\"}").patch("/v1/jobs/{id}", "nope")
                .then().statusCode(404);

        assertThat(snapshot(api.company)).as("nothing changed in the database").isEqualTo(before);
        given().auth().oauth2(api.read).get("/v1/screenings/{id}", invited.screening()).then().body("status", equalTo("INVITED"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/screener/")
    java.net.URI screenerUrl;

    /** Found by the fault suite's fuzzing (issue 13, F2 and F5): both were 500s. */
    @Test
    void anUnreadableContentTypeOrATokenThatCannotBeOursIsRefusedNotA500() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String contentType : List.of("", "\u00e9t\u00e9/json", "json")) {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(screenerUrl.resolve("x".repeat(43)))
                    .header("Content-Type", contentType).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET /screener/… with Content-Type '%s': %s", contentType, r.body()).isEqualTo(415);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
        // a token holding a '?' (it decodes from %3F) never reaches a Location header: there is no such screening (the
        // form's route answers a page)
        given().contentType(ContentType.URLENC).formParam("step", "back").post("/screener/{t}", "ab?cd").then().statusCode(404)
                .contentType(ContentType.HTML);
        // a form body whose %-escapes do not decode (FuzzIT found it: a 500 from the form reader) is the sender's mistake
        java.net.http.HttpResponse<String> form = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(screenerUrl.resolve("x".repeat(43))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("step=%\u1876\u2ec5")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("a form body that does not decode: %s", form.body()).isEqualTo(400);
    }

    static void malformed(Api api, Method method, String path) {
        api.as(api.admin).body("{\"title\": ").request(method, path).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://docs.truffle.dev/problems/malformed-json"));
        api.as(api.admin).body("").request(method, path).then().statusCode(not(equalTo(200)))
                .statusCode(org.hamcrest.Matchers.lessThan(500)).contentType("application/problem+json");
    }

    static ValidatableResponse send(Api api, Method method, String path, Object body, int status) {
        return api.as(api.admin).body(body).request(method, path).then().statusCode(status)
                .contentType("application/problem+json");
    }

    /** Every row the company has, as text (ordered), so any change shows. */
    static String snapshot(String company) {
        StringBuilder sb = new StringBuilder();
        for (String table : List.of("job", "candidate", "screening", "webhook", "account_settings", "invitation_mail")) {
            sb.append(table).append(TestDatabase.query("select t::text as row from " + table + " t where company_id = ? order by 1", company));
        }
        return sb.toString();
    }
}
