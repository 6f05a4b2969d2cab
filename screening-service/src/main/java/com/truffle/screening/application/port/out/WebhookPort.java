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

    Uni<List<Webhook>> list(CompanyId companyId);

    Uni<Long> count(CompanyId companyId);

    /** Deletes the endpoint; its pending deliveries stop (delivery history is kept). */
    Uni<Boolean> delete(CompanyId companyId, WebhookId webhookId, Instant now);
}
