package com.truffle.deploy.stack.ashby;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.truffle.deploy.ashby.AssessmentUpdateSchema;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.truffle.deploy.stack.http.SmallHttpServer;
import com.truffle.deploy.stack.http.SmallHttpServer.Request;

/**
 * A small fake of {@code https://api.ashbyhq.com} for local runs and system tests: the two endpoints the
 * Ashby connector calls, with Ashby's wire format (shared/reference/ashby-partner-api.md §2, §4.2, §4.4, §5),
 * plus a control API under {@code /_sandbox} to look at what was received and to inject faults.
 *
 * <p>Ashby endpoints ({@code POST}, HTTP Basic with the API key as username and an empty password):
 * <ul>
 *   <li>no or unreadable credentials → HTTP 401;</li>
 *   <li>a key starting with {@code bad_}, or revoked through the control API → HTTP 403
 *       {@code invalid_api_key};</li>
 *   <li>a key starting with {@code noperm_} is valid but lacks {@code apiKeysRead}: {@code apiKey.info}
 *       answers 403 {@code missing_endpoint_permission}, {@code assessment.update} works;</li>
 *   <li>a key starting with {@code readonly_} is valid but can only read candidates: {@code apiKey.info} lists
 *       the scopes {@code candidates:read, jobs:read} and {@code assessment.update} answers 403
 *       {@code missing_endpoint_permission}, as Ashby does for a key without {@code candidatesWrite};</li>
 *   <li>any other key is valid.</li>
 * </ul>
 * {@code assessment.update} is validated like Ashby does ({@link AssessmentUpdateSchema}); a validation
 * failure is HTTP 200 with {@code success:false} and {@code invalid_input}, as Ashby answers 4xx-like errors.
 *
 * <p>Control API: {@code POST /_sandbox/faults} {@code {"endpoint":"assessment.update","status":503,"times":3}}
 * (the next {@code times} calls answer {@code status}; without {@code times} until cleared),
 * {@code GET|DELETE /_sandbox/faults}, {@code POST /_sandbox/keys/{key}/revoke},
 * {@code GET /_sandbox/updates[?assessment_id=]} and {@code DELETE /_sandbox/updates},
 * {@code GET /_sandbox/calls} (every call to every endpoint), {@code POST /_sandbox/reset}
 * ({@link SandboxControlApi}).
 *
 * <p>API keys are never stored or printed in full: recordings keep the last 4 characters, revocations a
 * SHA-256 digest.
 */
public final class AshbySandbox implements AutoCloseable {

    public static final String ASSESSMENT_UPDATE = "assessment.update";
    public static final String API_KEY_INFO = "apiKey.info";
    /** A valid key that can read but not write candidates. */
    public static final String READ_ONLY_PREFIX = "readonly_";
    public static final Set<String> ENDPOINTS = Set.of(ASSESSMENT_UPDATE, API_KEY_INFO);
    public static final String API_VERSION = "2026-01-01";
    /** Oldest recordings are dropped beyond this many, so a long-running dev stack stays small. */
    static final int MAX_RECORDED = 10_000;

    /** One call received on an Ashby endpoint. {@code outcome}: accepted, rejected:&lt;code&gt; or fault:&lt;status&gt;. */
    public record RecordedCall(Instant receivedAt, String endpoint, String apiKeyLast4, String rawBody,
                               String outcome) {

        /** The body as JSON; a body that is not JSON comes back as a JSON string of its text. */
        public JsonNode body() {
            if (rawBody == null || rawBody.isBlank()) {
                return SmallHttpServer.JSON.nullNode();
            }
            try {
                return SmallHttpServer.JSON.readTree(rawBody);
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(rawBody);
            }
        }

        /** The body's {@code assessment_id}, or null. */
        public String assessmentId() {
            JsonNode id = body().get("assessment_id");
            return id != null && id.isTextual() ? id.asText() : null;
        }

        public boolean accepted() {
            return "accepted".equals(outcome);
        }
    }

    /**
     * How Ashby treats one key's calls to {@code assessment.update}: each waits {@code latency} first, then a share
     * {@code failureRate} (0..1) of them answers {@code failureStatus}.
     */
    public record Slowness(java.time.Duration latency, double failureRate, int failureStatus) {
    }

    /** An injected fault: the next {@code remaining} calls (or all, when negative) answer {@code status}. */
    public record Fault(String endpoint, int status, int remaining) {
    }

    private final SmallHttpServer http = new SmallHttpServer("Ashby sandbox");
    private final Instant keysCreatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<RecordedCall> calls = new ArrayList<>();
    private final Map<String, Fault> faults = new LinkedHashMap<>();
    private final Set<String> revokedKeyDigests = new HashSet<>();
    /** Per Ashby key (SHA-256 digest): a slow and flaky Ashby for that key only (the fault suite's scenario 4). */
    private final Map<String, Slowness> slowKeys = new LinkedHashMap<>();
    private final java.util.Random random = new java.util.Random();

    public AshbySandbox() {
        http.route("POST", "/apiKey\\.info", r -> ashbyEndpoint(API_KEY_INFO, r))
                .route("POST", "/assessment\\.update", r -> ashbyEndpoint(ASSESSMENT_UPDATE, r));
        SandboxControlApi.addRoutes(http, this);
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
    public AshbySandbox start(int port) {
        http.start(port);
        return this;
    }

    public int port() {
        return http.port();
    }

    /** The base URL the connector uses instead of https://api.ashbyhq.com. */
    public String url() {
        return http.url();
    }

    @Override
    public void close() {
        http.close();
    }

    // ---------------------------------------------------------------- Java API (same as the control API)

    /** The next {@code times} calls to {@code endpoint} answer HTTP {@code status}; {@code times} null = until cleared. */
    public void injectFault(String endpoint, int status, Integer times) {
        if (!ENDPOINTS.contains(endpoint)) {
            throw new IllegalArgumentException("endpoint must be one of " + ENDPOINTS + ", got " + endpoint);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599), got " + status);
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times must be at least 1 (omit it for 'until cleared'), got " + times);
        }
        synchronized (this) {
            faults.put(endpoint, new Fault(endpoint, status, times == null ? -1 : times));
        }
    }

    /**
     * From now on the {@code assessment.update} calls made with {@code apiKey} wait {@code latency}, then fail with
     * {@code failureStatus} at rate {@code failureRate}; other keys are not affected. Note the sandbox serves 4 calls
     * at a time: a latency holds one of them.
     */
    public synchronized void slowDown(String apiKey, java.time.Duration latency, double failureRate, int failureStatus) {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failureRate is between 0 and 1, got " + failureRate);
        }
        if (failureStatus < 400 || failureStatus > 599) {
            throw new IllegalArgumentException("failureStatus must be an HTTP error status (400-599), got " + failureStatus);
        }
        slowKeys.put(digest(apiKey), new Slowness(latency, failureRate, failureStatus));
    }

    /** Every key back to a prompt, reliable Ashby. */
    public synchronized void clearSlowDowns() {
        slowKeys.clear();
    }

    private synchronized Slowness slowness(String apiKey) {
        return apiKey == null || slowKeys.isEmpty() ? null : slowKeys.get(digest(apiKey));
    }

    private synchronized boolean fails(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    public synchronized List<Fault> faults() {
        return List.copyOf(faults.values());
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** From now on {@code apiKey} gets 403 invalid_api_key, as a key deleted in Ashby would. */
    public synchronized void revoke(String apiKey) {
        revokedKeyDigests.add(digest(apiKey));
    }

    /** Every call to {@code assessment.update} so far (valid or not), oldest first. */
    public List<RecordedCall> updates() {
        return calls().stream().filter(c -> ASSESSMENT_UPDATE.equals(c.endpoint())).toList();
    }

    /** The {@code assessment.update} calls for one assessment, oldest first. */
    public List<RecordedCall> updates(String assessmentId) {
        return updates().stream().filter(c -> assessmentId.equals(c.assessmentId())).toList();
    }

    /** Every call to every Ashby endpoint so far, oldest first. */
    public synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearUpdates() {
        calls.removeIf(c -> ASSESSMENT_UPDATE.equals(c.endpoint()));
    }

    /** Forgets recordings, faults and revocations. */
    public synchronized void reset() {
        calls.clear();
        faults.clear();
        revokedKeyDigests.clear();
        slowKeys.clear();
    }

    // ---------------------------------------------------------------- Ashby endpoints

    private void ashbyEndpoint(String endpoint, Request request) throws IOException {
        Instant receivedAt = Instant.now();
        String raw = request.bodyText();
        String apiKey = basicAuthUsername(request.header("Authorization"));
        String last4 = apiKey == null ? null : last4(apiKey);
        request.header("x-ashby-request-id", UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
        request.header("Ashby-Version", API_VERSION);
        request.header("Ashby-Version-Status", "active");

        int faultStatus = takeFault(endpoint);
        if (faultStatus != 0) {
            record(receivedAt, endpoint, last4, raw, "fault:" + faultStatus);
            if (faultStatus == 429 || faultStatus == 503) {
                request.header("Retry-After", "1");
            }
            request.json(faultStatus, error("sandbox_fault", "Injected fault: HTTP " + faultStatus));
            return;
        }
        Slowness slow = ASSESSMENT_UPDATE.equals(endpoint) ? slowness(apiKey) : null;
        if (slow != null) {
            if (!slow.latency().isZero()) {
                try {
                    Thread.sleep(slow.latency().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (fails(slow.failureRate())) {
                record(receivedAt, endpoint, last4, raw, "fault:" + slow.failureStatus());
                request.json(slow.failureStatus(), error("sandbox_fault", "Injected fault: HTTP " + slow.failureStatus()));
                return;
            }
        }
        if (apiKey == null) {
            record(receivedAt, endpoint, null, raw, "rejected:unauthenticated");
            request.header("WWW-Authenticate", "Basic realm=\"Ashby API\"");
            request.json(401, error("unauthenticated",
                    "Missing API key: send HTTP Basic auth with the API key as username and an empty password"));
            return;
        }
        if (apiKey.startsWith("bad_") || isRevoked(apiKey)) {
            record(receivedAt, endpoint, last4, raw, "rejected:invalid_api_key");
            request.json(403, error("invalid_api_key", "The API key is invalid or has been deactivated"));
            return;
        }
        if (API_KEY_INFO.equals(endpoint)) {
            if (apiKey.startsWith("noperm_")) {
                record(receivedAt, endpoint, last4, raw, "rejected:missing_endpoint_permission");
                request.json(403, error("missing_endpoint_permission",
                        "The API key does not have the apiKeysRead permission required by apiKey.info"));
                return;
            }
            record(receivedAt, endpoint, last4, raw, "accepted");
            ObjectNode body = SmallHttpServer.JSON.createObjectNode();
            body.put("success", true);
            ObjectNode results = body.putObject("results");
            results.put("title", "Sandbox API key");
            results.put("createdAt", keysCreatedAt.toString());
            if (apiKey.startsWith(READ_ONLY_PREFIX)) {
                results.putArray("scopes").add("candidates:read").add("jobs:read");
            } else {
                results.putArray("scopes").add("candidates:read").add("candidates:write");
            }
            request.json(200, body);
            return;
        }
        // assessment.update
        if (apiKey.startsWith(READ_ONLY_PREFIX)) {
            record(receivedAt, endpoint, last4, raw, "rejected:missing_endpoint_permission");
            request.json(403, error("missing_endpoint_permission",
                    "The API key does not have the candidatesWrite permission required by assessment.update"));
            return;
        }
        List<String> problems = new ArrayList<>();
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problems.add("Content-Type must be application/json, got " + contentType);
        }
        JsonNode json = request.jsonOrNull();
        if (json == null && !raw.isBlank()) {
            problems.add("Request payload is malformed: not JSON");
        } else {
            problems.addAll(AssessmentUpdateSchema.violations(json));
        }
        if (!problems.isEmpty()) {
            record(receivedAt, endpoint, last4, raw, "rejected:invalid_input");
            request.json(200, error("invalid_input", String.join("; ", problems)));
            return;
        }
        record(receivedAt, endpoint, last4, raw, "accepted");
        ObjectNode body = SmallHttpServer.JSON.createObjectNode();
        body.put("success", true);
        body.putObject("results");
        request.json(200, body);
    }

    private synchronized int takeFault(String endpoint) {
        Fault fault = faults.get(endpoint);
        if (fault == null) {
            return 0;
        }
        if (fault.remaining() == 1) {
            faults.remove(endpoint);
        } else if (fault.remaining() > 1) {
            faults.put(endpoint, new Fault(endpoint, fault.status(), fault.remaining() - 1));
        }
        return fault.status();
    }

    private synchronized boolean isRevoked(String apiKey) {
        return revokedKeyDigests.contains(digest(apiKey));
    }

    private synchronized void record(Instant at, String endpoint, String last4, String raw, String outcome) {
        calls.add(new RecordedCall(at, endpoint, last4, raw, outcome));
        if (calls.size() > MAX_RECORDED) {
            calls.remove(0);
        }
    }

    /** Ashby's error envelope (§5): HTTP 200/401/403 alike carry it. */
    private ObjectNode error(String code, String message) {
        ObjectNode body = SmallHttpServer.JSON.createObjectNode();
        body.put("success", false);
        body.putArray("errors").add(code);
        ObjectNode info = body.putObject("errorInfo");
        info.put("code", code);
        info.put("message", message);
        info.put("requestId", UUID.randomUUID().toString());
        info.putObject("meta");
        return body;
    }

    /** The API key from {@code Authorization: Basic base64(key:)}; null when absent or unreadable. */
    static String basicAuthUsername(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        return user.isBlank() ? null : user;
    }

    /** The last 4 characters of a key; a key too short to hide anything shows nothing. */
    static String last4(String apiKey) {
        return apiKey.length() >= 8 ? apiKey.substring(apiKey.length() - 4) : "****";
    }

    private static String digest(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
