package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.adminToken;
import static com.truffle.systemtest.Stack.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.truffle.deploy.stack.LocalStack;
import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.KeyKind;

/** Issue 4's system tests: the gateway keeps deciding with key-service down, and garbage never reaches key-service. */
class GatewayEdgeIT {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

    @Test
    void withKeyServiceStoppedKnownKeysWorkARevokedKeyStaysDeadAndUnknownKeysAre401NotErrors() {
        String company = Platform.approvedCompany();
        String working = Platform.createKey(company, "READ").getString("secret");
        var doomed = Platform.createKey(company, "READ");
        for (String k : List.of(working, doomed.getString("secret"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway().auth().oauth2(k).get("/v1/jobs").statusCode() == 200);
        }
        gateway().auth().oauth2(adminToken(company)).delete("/v1/api-keys/{id}", doomed.getString("id")).then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> gateway().auth().oauth2(doomed.getString("secret")).get("/v1/jobs").statusCode() == 401);

        LocalStack stack = Stack.get();
        stack.stopService(LocalStack.KEY_SERVICE);
        try {
            for (int i = 0; i < 20; i++) {
                gateway().auth().oauth2(working).get("/v1/jobs").then().statusCode(200);
                gateway().auth().oauth2(doomed.getString("secret")).get("/v1/jobs").then().statusCode(401);
                // well formed, valid checksum, never issued: the gateway cannot ask key-service, and still answers 401
                gateway().auth().oauth2(ApiKeyFormat.generate(KeyKind.LIVE, RANDOM)).get("/v1/jobs").then().statusCode(401);
                gateway().auth().oauth2("trf_live_" + garbage(38)).get("/v1/jobs").then().statusCode(401);
            }
        } finally {
            stack.startService(LocalStack.KEY_SERVICE);
        }
        gateway().auth().oauth2(working).get("/v1/jobs").then().statusCode(200);
    }

    @Test
    void tenThousandGarbageKeysCauseNoCallToKeyService() throws Exception {
        LocalStack stack = Stack.get();
        double before = verifyCalls(stack);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // half look like our keys (right prefix and length, wrong checksum), half like anything at all
            String key = i % 2 == 0 ? (i % 4 == 0 ? "trf_live_" : "trf_ashby_") + garbage(38) : garbage(1 + RANDOM.nextInt(60));
            answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/jobs"))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        for (Future<Integer> a : answers) {
            assertThat(a.get()).isEqualTo(401);
        }
        pool.shutdown();
        assertThat(verifyCalls(stack)).as("calls to key-service's /internal/keys/verify").isEqualTo(before);

        // the probe itself works: one well-formed key the gateway has never seen is exactly one authoritative check
        String unknown = ApiKeyFormat.generate(KeyKind.LIVE, RANDOM);
        for (int i = 0; i < 5; i++) {
            gateway().auth().oauth2(unknown).get("/v1/jobs").then().statusCode(401);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> verifyCalls(stack) == before + 1);
    }

    /**
     * key-service's own count of POST requests (its Prometheus metrics), whatever the outcome. Only the gateway's
     * {@code POST /internal/keys/verify} posts to key-service while this test runs; Micrometer tags a 404 of an
     * untemplated path {@code uri="NOT_FOUND"}, so an unknown key is counted under that tag, not the path.
     */
    static double verifyCalls(LocalStack stack) {
        String metrics = io.restassured.RestAssured.get(stack.serviceUrl(LocalStack.KEY_SERVICE) + "/q/metrics").then()
                .statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{([^}]*)} ([0-9.eE+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("method=\"POST\"")
                    && (tags.contains("uri=\"/internal/keys/verify\"") || tags.contains("uri=\"NOT_FOUND\""))) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    static String garbage(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
