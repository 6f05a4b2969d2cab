package com.truffle.gateway.adapter.in.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Per-client-address limits on what no API key pays for (the screener, signing in, pages), the client's share of the
 * key-lookup budget, and each route's body limit at the edge. The tests play several clients: 127.0.0.1 is trusted as
 * a proxy here, so {@code X-Forwarded-For} names the client.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(ClientLimitsTest.SmallLimits.class)
class ClientLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truffle.gateway.client-limits.public-per-second", "0.5",
                    "truffle.gateway.client-limits.public-burst", "5",
                    "truffle.gateway.client-limits.signed-in-per-second", "0.5",
                    "truffle.gateway.client-limits.signed-in-burst", "5",
                    "truffle.gateway.client-limits.trusted-proxies", "127.0.0.1/32,::1/128",
                    "truffle.gateway.key-lookup.per-client-per-second", "0.5",
                    "truffle.gateway.key-lookup.per-client-burst", "3");
        }
    }

    static Response screener(String client) {
        return given().header("X-Forwarded-For", client).get("/screener/tok-" + client.replace('.', '-'));
    }

    @Test
    void aFloodOfTheScreenerFromOneAddressIsRefusedAndAnotherAddressGoesOn() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(screener("198.51.100.7").statusCode());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
        screener("198.51.100.7").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://docs.truffle.dev/problems/rate-limited"));
        screener("198.51.100.8").then().statusCode(200);
        // a forwarded-for list: the right-most address that is not a trusted proxy is the client
        given().header("X-Forwarded-For", "203.0.113.5, 198.51.100.7").get("/screener/tok-x").then().statusCode(429);
        given().header("X-Forwarded-For", "198.51.100.7, 203.0.113.9").get("/screener/tok-x").then().statusCode(200);
    }

    @Test
    void signingInIsLimitedPerAddressToo() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(given().redirects().follow(false).header("X-Forwarded-For", "198.51.100.20").get("/login").statusCode());
        }
        assertThat(statuses).contains(429);
        assertThat(given().redirects().follow(false).header("X-Forwarded-For", "198.51.100.21").get("/login").statusCode())
                .isNotEqualTo(429);
    }

    @Test
    void aFloodOfMadeUpKeysFromOneAddressDoesNotLockOutAFreshKeyFromAnother() {
        int before = GatewayTestResource.keyService().calls();
        for (int i = 0; i < 20; i++) {
            TestApiKey madeUp = TestApiKey.live("flood-co", "READ");
            given().header("X-Forwarded-For", "198.51.100.30").header("Authorization", madeUp.bearer()).get("/v1/jobs")
                    .then().statusCode(401);
        }
        assertThat(GatewayTestResource.keyService().calls() - before).as("the flooding address spent its share only").isLessThanOrEqualTo(4);
        TestApiKey fresh = TestApiKey.live("fresh-co", "READ"); // created a second ago: key-service knows, the replica not yet
        GatewayTestResource.keyService().knows(fresh.hashHex(), fresh.recordJson());
        given().header("X-Forwarded-For", "198.51.100.31").header("Authorization", fresh.bearer()).get("/v1/jobs").then().statusCode(200);
    }

    @Test
    void eachRoutesBodyLimitHoldsAtTheEdgeWithAProblem() {
        byte[] answers = new byte[70 * 1024];
        given().header("X-Forwarded-For", "198.51.100.40").contentType("application/json").body(answers)
                .post("/screener/tok-body/submit").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/payload-too-large"))
                .body("detail", equalTo("The request body is larger than the 64 KiB this route accepts."));
        // the same without a declared length (chunked): read at the edge up to the limit, then refused
        given().header("X-Forwarded-For", "198.51.100.41").contentType("application/json").body(new ByteArrayInputStream(answers))
                .post("/screener/tok-body/submit").then().statusCode(413).contentType("application/problem+json");
        TestApiKey writer = Replica.admit(TestApiKey.live("body-co", "WRITE"));
        given().header("Authorization", writer.bearer()).contentType("application/json").body(new byte[1024 * 1024 + 1])
                .post("/v1/candidates").then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("The request body is larger than the 1024 KiB this route accepts."));
        TestApiKey ashby = Replica.admit(TestApiKey.ashby("body-co"));
        given().auth().preemptive().basic(ashby.secret(), "").contentType("application/json").body(new byte[300 * 1024])
                .post("/partners/ashby/assessment.start").then().statusCode(413).body("success", equalTo(false));
        // a request target longer than the services read: a 414 problem at the edge (Vert.x alone answered it bare)
        given().header("Authorization", writer.bearer()).get("/v1/jobs?q=" + "x".repeat(5_000)).then().statusCode(414)
                .contentType("application/problem+json").body("type", equalTo("https://docs.truffle.dev/problems/uri-too-long"));
        given().auth().preemptive().basic(ashby.secret(), "").contentType("application/json").body("{}")
                .post("/partners/ashby/assessment.list?x=" + "y".repeat(5_000)).then().statusCode(414).body("success", equalTo(false));
        // under the limit, it goes through
        given().header("X-Forwarded-For", "198.51.100.42").contentType("application/json").body("{\"answers\":[]}")
                .post("/screener/tok-body/submit").then().statusCode(200);
    }

    @Test
    void aServicesOwnEmptyPayloadTooLargeBecomesAProblem() {
        GatewayTestResource.screeningService().handle("/v1/candidates/c-413/invitations", exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(413, -1);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        });
        TestApiKey writer = Replica.admit(TestApiKey.live("body-co", "WRITE"));
        given().header("Authorization", writer.bearer()).contentType("application/json").body("{\"job_id\":\"x\"}")
                .post("/v1/candidates/c-413/invitations").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/payload-too-large"));
    }
}
