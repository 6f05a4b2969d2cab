package com.truffle.ashby.adapter.out.keys;

import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.application.port.out.PartnerKeyPort;
import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.AshbyRuleViolation.Rule;
import com.truffle.ashby.domain.PartnerKey;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * key-service's internal partner-key routes (docs/contracts.md), called with the company admin's own internal JWT
 * (on behalf of the admin: key-service takes the company from that token and checks the company-admin group).
 * Neither the token nor a secret is ever logged.
 */
@ApplicationScoped
class KeyServiceClient implements PartnerKeyPort {

    private static final Logger LOG = Logger.getLogger(KeyServiceClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/internal/partner-keys/ashby";

    @Inject
    Vertx vertx;
    @Inject
    KeyServiceSettings settings;

    private WebClient client;
    private String base;

    @PostConstruct
    void init() {
        base = settings.baseUrl().toString().replaceAll("/+$", "");
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) Math.min(settings.timeout().toMillis(), 5000))
                .setFollowRedirects(false).setUserAgent("truffle-ashby-connector"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public Uni<Optional<PartnerKey>> create(AdminToken onBehalfOf) {
        return send(client.postAbs(base + PATH), onBehalfOf, true).map(r -> switch (r.statusCode()) {
            case 200, 201 -> Optional.of(partnerKey(r));
            case 409 -> Optional.empty();
            default -> throw refusal("create", r);
        });
    }

    @Override
    public Uni<Optional<PartnerKey>> regenerate(AdminToken onBehalfOf) {
        return send(client.postAbs(base + PATH + "/regenerate"), onBehalfOf, true).map(r -> switch (r.statusCode()) {
            case 200, 201 -> Optional.of(partnerKey(r));
            case 404 -> Optional.empty();
            default -> throw refusal("regenerate", r);
        });
    }

    @Override
    public Uni<Boolean> revoke(AdminToken onBehalfOf) {
        return send(client.deleteAbs(base + PATH), onBehalfOf, false).map(r -> switch (r.statusCode()) {
            case 200, 204 -> true;
            case 404 -> false;
            default -> throw refusal("revoke", r);
        });
    }

    private Uni<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, AdminToken token, boolean withBody) {
        request.putHeader("Authorization", "Bearer " + token.value())
                .putHeader("Accept", "application/json")
                .timeout(settings.timeout().toMillis());
        Object requestId = MDC.get("request_id");
        if (requestId != null) {
            request.putHeader("X-Request-Id", requestId.toString());
        }
        Uni<HttpResponse<Buffer>> sent = withBody
                ? request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}"))
                : request.send();
        return sent.onFailure().transform(e -> {
            LOG.warnf("key-service unreachable: %s", e.toString());
            return new AshbyRuleViolation(Rule.KEY_SERVICE_UNAVAILABLE, "Truffle's key service is not reachable right now; try again.");
        });
    }

    private static PartnerKey partnerKey(HttpResponse<Buffer> r) {
        try {
            JsonNode json = JSON.readTree(r.body().getBytes());
            String id = json.path("id").asText(null);
            String secret = json.path("secret").asText(null);
            if (id == null || secret == null || secret.isBlank()) {
                throw new IllegalStateException("no id/secret");
            }
            return new PartnerKey(id, secret);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("key-service answered HTTP %d without a readable partner key", r.statusCode());
            throw new AshbyRuleViolation(Rule.KEY_SERVICE_UNAVAILABLE, "Truffle's key service gave an unreadable answer; try again.");
        }
    }

    /** key-service's own refusal (a problem+json 4xx) is passed on to the admin; its 5xx is "unavailable". */
    private static AshbyRuleViolation refusal(String what, HttpResponse<Buffer> r) {
        int status = r.statusCode();
        LOG.warnf("key-service refused to %s the Ashby partner key: HTTP %d", what, status);
        if (status >= 500 || status == 401) {
            return new AshbyRuleViolation(Rule.KEY_SERVICE_UNAVAILABLE, "Truffle's key service could not " + what
                    + " the Truffle key for Ashby right now; try again.");
        }
        String detail = null;
        try {
            Buffer body = r.body();
            detail = body == null ? null : JSON.readTree(body.getBytes()).path("detail").asText(null);
        } catch (java.io.IOException | RuntimeException ignored) {
            // no problem body: the generic message below
        }
        return new AshbyRuleViolation(Rule.PARTNER_KEY_REFUSED, detail != null ? detail
                : "Truffle's key service refused to " + what + " the Truffle key for Ashby (HTTP " + status + ").");
    }
}
