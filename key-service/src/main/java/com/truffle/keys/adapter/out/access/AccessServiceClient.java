package com.truffle.keys.adapter.out.access;

import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.out.AccessAuthorityPort;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/api-access} of access-request-service, with the company admin's own internal JWT (the company is
 * the token's; the admin may read it): the owner's answer, for when key-service's read model has not caught up.
 * The token is never logged.
 */
@ApplicationScoped
class AccessServiceClient implements AccessAuthorityPort {

    private static final Logger LOG = Logger.getLogger(AccessServiceClient.class);

    @Inject
    Vertx vertx;
    @Inject
    AccessServiceSettings settings;

    private WebClient client;
    private String base;

    @PostConstruct
    void init() {
        base = settings.baseUrl().toString().replaceAll("/+$", "");
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) Math.min(settings.timeout().toMillis(), 2000))
                .setFollowRedirects(false).setUserAgent("truffle-key-service"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public Uni<Optional<CompanyAccess>> current(CompanyId companyId, String onBehalfOf) {
        Instant asked = Instant.now();
        return client.getAbs(base + "/v1/api-access").putHeader("Authorization", "Bearer " + onBehalfOf)
                .putHeader("Accept", "application/json").timeout(settings.timeout().toMillis()).send()
                .map(r -> {
                    if (r.statusCode() != 200) {
                        LOG.infof("access-request-service answered %d for company %s; the local view stands", r.statusCode(), companyId);
                        return Optional.<CompanyAccess>empty();
                    }
                    JsonObject body = r.bodyAsJsonObject();
                    String status = body == null ? null : body.getString("status");
                    String plan = body == null ? null : body.getString("plan");
                    return status == null || plan == null ? Optional.<CompanyAccess>empty()
                            : Optional.of(new CompanyAccess(companyId, plan, status, asked));
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.infof("access-request-service not reachable for company %s (%s); the local view stands", companyId,
                            e.getClass().getSimpleName());
                    return Optional.empty();
                });
    }
}
