package com.truffle.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.truffle.platform.testing.TestKeys;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * key-service as the gateway's miss path sees it: {@code POST /internal/keys/verify {"secret_hash"}} → the record
 * it was told about (200) or 404. It counts calls, checks the gateway's own internal JWT (principal
 * service:api-gateway, group truffle-service), and can hold an answer back until a test releases it.
 */
public final class FakeKeyService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeService http;
    private final Map<String, String> records = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsByHash = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger unauthorizedCalls = new AtomicInteger();

    public FakeKeyService(FakeService http) {
        this.http = http;
        http.handle("/internal/keys/verify", this::verify);
    }

    public FakeService http() {
        return http;
    }

    /** key-service knows this key: it answers its record (the JSON of the key-state contract). */
    public void knows(String secretHashHex, String recordJson) {
        records.put(secretHashHex, recordJson);
    }

    /** The next answers for this hash wait until {@link #release}. */
    public void hold(String secretHashHex) {
        held.put(secretHashHex, new CompletableFuture<>());
    }

    public void release(String secretHashHex) {
        CompletableFuture<Void> gate = held.remove(secretHashHex);
        if (gate != null) {
            gate.complete(null);
        }
    }

    public int calls() {
        return calls.get();
    }

    public int calls(String secretHashHex) {
        AtomicInteger n = callsByHash.get(secretHashHex);
        return n == null ? 0 : n.get();
    }

    public int unauthorizedCalls() {
        return unauthorizedCalls.get();
    }

    private boolean verify(HttpExchange exchange) {
        calls.incrementAndGet();
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!gatewayToken(authorization)) {
                unauthorizedCalls.incrementAndGet();
                FakeService.respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return true;
            }
            JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String hash = body.path("secret_hash").asText();
            callsByHash.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
            CompletableFuture<Void> gate = held.get(hash);
            if (gate != null) {
                gate.get(30, TimeUnit.SECONDS);
            }
            String record = records.get(hash);
            if (record == null) {
                FakeService.respond(exchange, 404, "{\"title\":\"Not found\",\"status\":404}");
            } else {
                FakeService.respond(exchange, 200, record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            FakeService.respond(exchange, 500, "{\"title\":\"" + e.getClass().getSimpleName() + "\"}");
        }
        return true;
    }

    private static boolean gatewayToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            JwtClaims claims = new JwtConsumerBuilder().setExpectedIssuer("truffle-gateway").setExpectedAudience("key-service")
                    .setVerificationKey(TestKeys.pair().getPublic()).setRequireExpirationTime().build()
                    .processToClaims(authorization.substring(7));
            return "service:api-gateway".equals(claims.getClaimValue("principal"))
                    && claims.getStringListClaimValue("groups").contains("truffle-service")
                    && !claims.hasClaim("company_id");
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return false;
        }
    }
}
