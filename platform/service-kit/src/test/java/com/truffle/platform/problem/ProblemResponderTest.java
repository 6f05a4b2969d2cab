package com.truffle.platform.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A problem leaves as RFC 9457 application/problem+json with its status, the request's id, its extensions, and a
 * Retry-After header when it asks the caller to wait.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class ProblemResponderTest {

    @Inject
    ProblemResponder responder;

    @Test
    void aProblemIsAnsweredWithItsStatusMediaTypeAndBody() {
        io.restassured.response.Response r = given().header("X-Request-Id", "req-problem-0001").get("/kit/problem/conflict");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.contentType()).startsWith(Problem.MEDIA_TYPE);
        JsonPath body = r.jsonPath();
        assertThat(body.getString("type")).isEqualTo(ProblemType.CONCURRENT_CHANGE.uri());
        assertThat(body.getString("title")).isEqualTo(ProblemType.CONCURRENT_CHANGE.title());
        assertThat(body.getInt("status")).isEqualTo(409);
        assertThat(body.getString("detail")).isEqualTo("It exists already.");
        assertThat(body.getString("request_id")).isEqualTo("req-problem-0001");
        assertThat(body.getString("existing_id")).as("an extension is a member of its own").isEqualTo("k_1");
        assertThat(r.header("Retry-After")).as("'soon' is no number of seconds").isNull();
    }

    @Test
    void aProblemThatAsksToWaitSaysHowLongInRetryAfter() {
        io.restassured.response.Response r = given().get("/kit/problem/busy");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.jsonPath().getInt("retry_after_seconds")).isEqualTo(7);
    }

    @Test
    void withoutARequestThereIsNoRequestIdAndABodyThatCannotBeWrittenFallsBackToTheStatus() {
        Response plain = responder.respond(Problem.of(404, "not-found", "Not found", "No such resource."), null);

        assertThat(plain.getStatus()).isEqualTo(404);
        assertThat(plain.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat((String) plain.getEntity()).contains("\"type\":\"" + Problem.TYPE_BASE + "not-found\"").doesNotContain("request_id");

        Response broken = responder.respond(Problem.of(500, "internal", "Internal error", "x").with("cause", new Unwritable()), null);

        assertThat(broken.getStatus()).isEqualTo(500);
        assertThat(broken.getEntity()).isEqualTo("{\"status\":500}");
    }

    /** Jackson cannot write it. */
    public static class Unwritable {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }
}
