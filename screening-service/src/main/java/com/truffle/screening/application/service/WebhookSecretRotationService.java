package com.truffle.screening.application.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.ResealWebhookSecretsUseCase;
import com.truffle.screening.application.port.out.WebhookPort;
import com.truffle.screening.domain.WebhookId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/** Walks the webhook endpoints by id, a batch per transaction, re-sealing secrets sealed under a rotated-out key. */
@ApplicationScoped
public class WebhookSecretRotationService implements ResealWebhookSecretsUseCase {

    private static final Logger LOG = Logger.getLogger(WebhookSecretRotationService.class);
    static final int BATCH = 100;

    @Inject
    WebhookPort webhooks;

    @Override
    public Uni<Integer> resealAll() {
        return pass(Optional.empty(), 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("re-sealed %d webhook signing secret(s) under the current encryption key", n);
            }
        });
    }

    private Uni<Integer> pass(Optional<WebhookId> after, int done) {
        return Panache.withTransaction(() -> webhooks.resealSecrets(after, BATCH)).chain(p -> p.last().isEmpty()
                ? Uni.createFrom().item(done + p.resealed())
                : pass(p.last(), done + p.resealed()));
    }
}
