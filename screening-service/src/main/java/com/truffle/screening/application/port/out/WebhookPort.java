package com.truffle.screening.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookId;
import io.smallrye.mutiny.Uni;

public interface WebhookPort {

    Uni<Void> save(Webhook webhook);

    Uni<Optional<Webhook>> load(CompanyId companyId, WebhookId webhookId);

    /** Loads an endpoint (not deleted) and locks it until the transaction ends: its failure count changes one at a time. */
    Uni<Optional<Webhook>> lockAndLoad(WebhookId webhookId);

    Uni<List<Webhook>> list(CompanyId companyId);

    Uni<Long> count(CompanyId companyId);

    /**
     * Seals the signing secrets of up to {@code max} endpoints after {@code after} (by id, deleted ones included) again
     * under the current encryption key where an older one sealed them, each row locked while it changes.
     */
    Uni<ResealPass> resealSecrets(Optional<WebhookId> after, int max);

    /** One pass of {@link #resealSecrets}: the last endpoint looked at (none: the end) and how many were re-sealed. */
    record ResealPass(Optional<WebhookId> last, int resealed) {
    }

    /** Deletes the endpoint; its pending deliveries stop (delivery history is kept). */
    Uni<Boolean> delete(CompanyId companyId, WebhookId webhookId, Instant now);
}
