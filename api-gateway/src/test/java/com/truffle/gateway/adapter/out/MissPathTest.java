package com.truffle.gateway.adapter.out;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.support.FakeKeyService;
import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.KeyKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** What reaches key-service on a replica miss, counted by a fake key-service. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class MissPathTest {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.";

    static String garbage(int i) {
        StringBuilder sb = new StringBuilder();
        switch (i % 4) {
            case 0 -> { // the right shape, a wrong checksum (a typo, a made-up key)
                String real = ApiKeyFormat.generate(i % 8 == 0 ? KeyKind.ASHBY : KeyKind.LIVE, RANDOM);
                char last = real.charAt(real.length() - 1);
                return real.substring(0, real.length() - 1) + (last == 'z' ? 'y' : 'z');
            }
            case 1 -> sb.append("trf_live_");
            case 2 -> sb.append("trf_");
            default -> sb.append("");
        }
        int n = 1 + RANDOM.nextInt(60);
        for (int k = 0; k < n; k++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Test
    void tenThousandGarbageKeysCauseZeroCallsToKeyService() throws Exception {
        FakeKeyService keyService = GatewayTestResource.keyService();
        int before = keyService.calls();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI jobs = URI.create("http://localhost:" + RestAssured.port + "/v1/jobs");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Map<Integer, Integer>>> parts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t * 2_500;
            parts.add(pool.submit(() -> {
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (int i = offset; i < offset + 2_500; i++) {
                    HttpRequest r = HttpRequest.newBuilder(jobs).header("Authorization", "Bearer " + garbage(i)).GET().build();
                    statuses.merge(http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode(), 1, Integer::sum);
                }
                return statuses;
            }));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<Map<Integer, Integer>> p : parts) {
            p.get(5, TimeUnit.MINUTES).forEach((s, n) -> statuses.merge(s, n, Integer::sum));
        }
        pool.shutdown();
        assertThat(statuses).containsExactly(Map.entry(401, 10_000));
        assertThat(keyService.calls() - before).as("lookups at key-service").isZero();
    }

    @Test
    void anUnknownWellFormedKeyIsLookedUpOnceThenRememberedAsUnknown() {
        String unknown = ApiKeyFormat.generate(KeyKind.LIVE, RANDOM);
        String hash = GatewayTestResource.hasher().hashHex(unknown);
        List<CompletableFuture<Integer>> concurrent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            concurrent.add(CompletableFuture.supplyAsync(() ->
                    given().header("Authorization", "Bearer " + unknown).get("/v1/jobs").statusCode()));
        }
        concurrent.forEach(f -> assertThat(f.join()).isEqualTo(401));
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", "Bearer " + unknown).get("/v1/candidates")
                    .then().statusCode(401).body("type", equalTo("https://docs.truffle.dev/problems/invalid-api-key"));
        }
        assertThat(GatewayTestResource.keyService().calls(hash)).isEqualTo(1);
        assertThat(GatewayTestResource.keyService().unauthorizedCalls()).as("the gateway's own token is accepted").isZero();
    }

    @Test
    void keyServiceDownReplicaKeysStillWorkUnknownKeysGet401AndARevokedKeyStaysDead() {
        TestApiKey alive = Replica.admit(TestApiKey.live("outage-co", "READ"));
        TestApiKey revoked = Replica.admit(TestApiKey.live("outage-co", "READ"));
        Replica.revoke(revoked); // revoked just before the outage
        GatewayTestResource.keyService().knows(revoked.hashHex(), revoked.recordJson());
        FakeKeyService keyService = GatewayTestResource.keyService();
        keyService.http().stop();
        try {
            for (int i = 0; i < 5; i++) {
                given().header("Authorization", alive.bearer()).get("/v1/jobs").then().statusCode(200);
                given().header("Authorization", revoked.bearer()).get("/v1/jobs").then().statusCode(401);
                String unknown = ApiKeyFormat.generate(KeyKind.LIVE, RANDOM);
                given().header("Authorization", "Bearer " + unknown).get("/v1/jobs").then().statusCode(401)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://docs.truffle.dev/problems/invalid-api-key"));
            }
            // the key routes themselves are down with key-service: that is a 502 problem, not a hang
            given().header("Authorization", "Bearer " + GatewayTestResource.idp().companyAdmin("alice", "outage-co"))
                    .get("/v1/api-keys").then().statusCode(502).contentType("application/problem+json")
                    .body("type", equalTo("https://docs.truffle.dev/problems/upstream-unavailable"));
        } finally {
            keyService.http().restart();
        }
        given().header("Authorization", alive.bearer()).get("/v1/jobs").then().statusCode(200);
    }
}
