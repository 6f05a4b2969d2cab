package com.truffle.ashby.adapter.out.ashby;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.application.port.out.AshbyPort;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.AssessmentUpdate;
import com.truffle.ashby.domain.DeliveryOutcome;
import com.truffle.ashby.domain.KeyCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.Logger;

/**
 * Ashby's API (reference §2.1, §4, §5): HTTP Basic with the customer's key as username and an empty password,
 * {@code Content-Type: application/json}, {@code Accept: application/json; version=1} and an explicit User-Agent
 * (api.ashbyhq.com is said to refuse an empty or default one). 4xx-like errors may come back as HTTP 200 with
 * {@code success:false}, so the envelope decides, not only the status. The key is never logged.
 */
@ApplicationScoped
class AshbyClient implements AshbyPort {

    private static final Logger LOG = Logger.getLogger(AshbyClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCEPT = "application/json; version=1";
    static final String MISSING_PERMISSION = "missing_endpoint_permission";

    @Inject
    Vertx vertx;
    @Inject
    AshbyClientSettings settings;

    private WebClient client;
    private String base;

    @PostConstruct
    void init() {
        base = settings.baseUrl().toString().replaceAll("/+$", "");
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setUserAgent(settings.userAgent())
                .setUserAgentEnabled(true)
                .setFollowRedirects(false)
                .setMaxPoolSize(32));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public Uni<KeyCheck> checkKey(AshbyApiKey key) {
        return post("apiKey.info", key, "{}", settings.keyCheckTimeout()).map(response -> {
            int status = response.statusCode();
            Envelope envelope = Envelope.of(response);
            if (status / 100 == 2 && envelope.success()) {
                return KeyCheck.ofScopes(envelope.scopes());
            }
            if (status / 100 == 2 || status == 401 || status == 403) {
                // a valid key without apiKeysRead cannot introspect itself: that is still a valid key
                return envelope.hasCode(MISSING_PERMISSION) ? KeyCheck.ACCEPTED_WITHOUT_INTROSPECTION : KeyCheck.REJECTED;
            }
            throw unavailable("Ashby answered HTTP " + status + " while checking the key" + envelope.requestIdSuffix());
        }).onFailure(e -> !(e instanceof AshbyRuleViolation))
                .transform(e -> unavailable(describe(e, settings.keyCheckTimeout()) + " while checking the key"));
    }

    @Override
    public Uni<DeliveryOutcome> update(AshbyApiKey key, AssessmentUpdate update) {
        String body;
        try {
            body = JSON.writeValueAsString(AshbyWire.UpdateBody.of(update));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(new DeliveryOutcome.Refused("the update could not be written as JSON"));
        }
        return post("assessment.update", key, body, settings.requestTimeout()).map(AshbyClient::classify)
                .onFailure().recoverWithItem(e -> new DeliveryOutcome.Retryable(describe(e, settings.requestTimeout()), null));
    }

    /** Ashby's answer to assessment.update, in terms of what to do next (reference §5: retry 5xx/429/network only). */
    static DeliveryOutcome classify(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        Envelope envelope = Envelope.of(response);
        if (status / 100 == 2) {
            if (envelope.success()) {
                return new DeliveryOutcome.Delivered();
            }
            if (envelope.readable()) {
                String why = envelope.describe();
                return envelope.isAuthProblem() ? new DeliveryOutcome.CredentialsRejected(why) : new DeliveryOutcome.Refused(why);
            }
            // not Ashby's envelope (a proxy's page?): whether it arrived is unknown, so send it again
            return new DeliveryOutcome.Retryable("HTTP " + status + " without Ashby's answer", null);
        }
        if (status == 401 || status == 403) {
            return new DeliveryOutcome.CredentialsRejected("HTTP " + status + (envelope.readable() ? " " + envelope.describe() : ""));
        }
        if (status == 429 || status == 408 || status / 100 == 5 || status / 100 == 3) {
            return new DeliveryOutcome.Retryable("HTTP " + status, retryAfter(response.getHeader("Retry-After")));
        }
        return new DeliveryOutcome.Refused("HTTP " + status + (envelope.readable() ? " " + envelope.describe() : ""));
    }

    private Uni<HttpResponse<Buffer>> post(String endpoint, AshbyApiKey key, String body, Duration timeout) {
        var request = client.postAbs(base + "/" + endpoint)
                .putHeader("Authorization", basic(key))
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", ACCEPT)
                .putHeader("User-Agent", settings.userAgent())
                .timeout(timeout.toMillis());
        settings.apiVersion().filter(v -> !v.isBlank()).ifPresent(v -> request.putHeader("Ashby-Version", v));
        return request.sendBuffer(Buffer.buffer(body)).invoke(response -> LOG.debugf("Ashby %s: HTTP %d (request %s, version %s)",
                endpoint, response.statusCode(), response.getHeader("x-ashby-request-id"), response.getHeader("Ashby-Version")));
    }

    /** {@code Basic base64(key + ":")}: the key as username, an empty password. */
    static String basic(AshbyApiKey key) {
        return "Basic " + Base64.getEncoder().encodeToString((key.value() + ":").getBytes(StandardCharsets.UTF_8));
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static String describe(Throwable e, Duration timeout) {
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return "connection failed (" + e.getClass().getSimpleName() + ")";
    }

    private static AshbyRuleViolation unavailable(String why) {
        return new AshbyRuleViolation(AshbyRuleViolation.Rule.ASHBY_UNAVAILABLE,
                "Could not check the key with Ashby right now (" + why + "); try again in a moment.");
    }

    /** Ashby's {@code {success, errors[], errorInfo{code, message, requestId}}}, read leniently. */
    record Envelope(JsonNode json) {

        static Envelope of(HttpResponse<Buffer> response) {
            Buffer body = response.body();
            if (body == null || body.length() == 0) {
                return new Envelope(null);
            }
            try {
                JsonNode node = JSON.readTree(body.getBytes());
                return new Envelope(node != null && node.isObject() ? node : null);
            } catch (java.io.IOException e) {
                return new Envelope(null);
            }
        }

        boolean readable() {
            return json != null && json.has("success");
        }

        boolean success() {
            return json != null && json.path("success").isBoolean() && json.path("success").asBoolean();
        }

        /** apiKey.info's {@code results.scopes}; null when Ashby does not list them. */
        List<String> scopes() {
            JsonNode scopes = json == null ? null : json.path("results").get("scopes");
            if (scopes == null || !scopes.isArray()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            scopes.forEach(s -> out.add(s.asText("")));
            return out;
        }

        String code() {
            if (json == null) {
                return null;
            }
            JsonNode code = json.path("errorInfo").path("code");
            if (code.isTextual()) {
                return code.asText();
            }
            JsonNode errors = json.path("errors");
            return errors.isArray() && !errors.isEmpty() && errors.get(0).isTextual() ? errors.get(0).asText() : null;
        }

        boolean hasCode(String wanted) {
            if (json == null) {
                return false;
            }
            if (wanted.equals(json.path("errorInfo").path("code").asText(null))) {
                return true;
            }
            for (JsonNode e : json.path("errors")) {
                if (wanted.equals(e.asText(null))) {
                    return true;
                }
            }
            return false;
        }

        boolean isAuthProblem() {
            String code = code();
            return code != null && (code.equals("unauthenticated") || code.equals("invalid_api_key") || code.equals(MISSING_PERMISSION)
                    || code.equals("forbidden"));
        }

        String describe() {
            String code = code();
            String message = json == null ? null : json.path("errorInfo").path("message").asText(null);
            String text = (code == null ? "error" : code) + (message == null ? "" : ": " + message);
            return (text.length() > 300 ? text.substring(0, 300) : text) + requestIdSuffix();
        }

        String requestIdSuffix() {
            String id = json == null ? null : json.path("errorInfo").path("requestId").asText(null);
            return id == null ? "" : " (Ashby request " + id + ")";
        }
    }
}
