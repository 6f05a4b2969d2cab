package com.truffle.ashby.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two WireMock servers for the service's tests: one plays Ashby (api.ashbyhq.com), one plays key-service's internal
 * partner-key routes. Shared by every test class (one application), so tests never reset them: each test stubs
 * what it needs keyed by its own credentials (its Ashby key, its admin token). Low-priority defaults answer like a
 * healthy Ashby.
 */
public class AshbyWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String PUBLIC_URL = "https://truffle.test";
    private static WireMockServer ashby;
    private static WireMockServer keyService;

    public static synchronized WireMockServer ashby() {
        if (ashby == null) {
            ashby = new WireMockServer(options().dynamicPort().containerThreads(20).asynchronousResponseEnabled(true));
            ashby.start();
            ashby.stubFor(post(urlEqualTo("/apiKey.info")).atPriority(10).willReturn(okJson(
                    "{\"success\":true,\"results\":{\"title\":\"Test key\",\"createdAt\":\"2026-11-25T10:00:00.000Z\",\"scopes\":[\"candidates:write\"]}}")));
            ashby.stubFor(post(urlEqualTo("/assessment.update")).atPriority(10).willReturn(okJson("{\"success\":true,\"results\":{}}")));
        }
        return ashby;
    }

    public static synchronized WireMockServer keyService() {
        if (keyService == null) {
            keyService = new WireMockServer(options().dynamicPort());
            keyService.start();
            keyService.stubFor(post(urlEqualTo("/internal/partner-keys/ashby")).atPriority(10)
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                            .withBody("{\"status\":401,\"detail\":\"no stub for this token\"}")));
        }
        return keyService;
    }

    /** How the connector presents a customer's Ashby key: HTTP Basic, the key as username, an empty password. */
    public static String basic(String ashbyKey) {
        return "Basic " + Base64.getEncoder().encodeToString((ashbyKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** Ashby's apiKey.info answers this key (only it) with {@code answer}. */
    public static void keyInfoAnswers(String ashbyKey, ResponseDefinitionBuilder answer) {
        ashby().stubFor(post(urlEqualTo("/apiKey.info")).withHeader("Authorization", WireMock.equalTo(basic(ashbyKey))).willReturn(answer));
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "truffle.ashby.base-url", ashby().baseUrl(),
                "truffle.ashby.key-service-url", keyService().baseUrl(),
                "truffle.ashby.public-url", PUBLIC_URL);
    }

    @Override
    public void stop() {
        // shared by the JVM's test classes; they end with it
    }
}
