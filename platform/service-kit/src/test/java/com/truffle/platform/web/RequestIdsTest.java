package com.truffle.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * One id follows a request: a caller's well-formed X-Request-Id is kept (the route, the logs and the answer see it), a
 * missing or unsafe one is replaced by a fresh UUID before the route runs — on answers and on problems alike.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class RequestIdsTest {

    @Test
    void aWellFormedIdFromTheGatewayIsKeptForTheRouteAndTheAnswer() {
        String id = "gw-" + UUID.randomUUID();

        Response r = given().header(RequestIds.HEADER, id).get("/kit/request-id");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header(RequestIds.HEADER)).isEqualTo(id);
        assertThat(r.jsonPath().getString("request_id")).as("what the route reads").isEqualTo(id);
    }

    @Test
    void withoutAnIdTheRequestGetsAFreshOneThatTheRouteSeesToo() {
        Response first = given().get("/kit/request-id");
        Response second = given().get("/kit/request-id");

        String id = first.header(RequestIds.HEADER);
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(first.jsonPath().getString("request_id")).isEqualTo(id);
        assertThat(second.header(RequestIds.HEADER)).as("one per request").isNotEqualTo(id);
    }

    @Test
    void anIdThatIsNotSafeToLogOrEchoIsReplaced() {
        for (String unsafe : new String[] { "short", "has a space in it", "x".repeat(129), "<script>alert(1)</script>",
                "line\u00e9break-123" }) {
            Response r = given().header(RequestIds.HEADER, unsafe).get("/kit/request-id");

            String id = r.header(RequestIds.HEADER);
            assertThat(id).as(unsafe).isNotEqualTo(unsafe);
            assertThat(UUID.fromString(id)).as(unsafe).isNotNull();
            assertThat(r.jsonPath().getString("request_id")).as(unsafe).isEqualTo(id);
        }
        String longest = "a".repeat(128);
        assertThat(given().header(RequestIds.HEADER, longest).get("/kit/request-id").header(RequestIds.HEADER))
                .as("128 safe characters are still an id").isEqualTo(longest);
    }

    @Test
    void aProblemCarriesTheSameIdInItsBodyAsInItsHeader() {
        Response r = given().header(RequestIds.HEADER, "req-0123456789").get("/kit/problem/busy");

        assertThat(r.header(RequestIds.HEADER)).isEqualTo("req-0123456789");
        assertThat(r.jsonPath().getString("request_id")).isEqualTo("req-0123456789");

        Response fresh = given().get("/kit/no-such-route");
        assertThat(fresh.statusCode()).isEqualTo(404);
        assertThat(fresh.jsonPath().getString("request_id")).isEqualTo(fresh.header(RequestIds.HEADER)).isNotBlank();
    }

    @Test
    void ofReadsTheHeaderAndToleratesNoRequest() {
        assertThat(RequestIds.of(null)).isNull();
    }
}
