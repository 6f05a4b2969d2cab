package com.truffle.screening.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookId;
import io.smallrye.mutiny.Uni;

public interface WebhookDeliveryPort {

    /** Claims the next due delivery with its endpoint for the current transaction (skips locked ones). */
    Uni<Optional<Claimed>> claimNext(Instant now);

    /** Stores the delivery's new state and the attempt. */
    Uni<Void> record(WebhookDelivery delivery, DeliveryAttempt attempt);

    /** Stops every pending delivery of an endpoint (it was disabled). */
    Uni<Void> abandonPending(WebhookId webhookId, String reason);

    /** A ping delivery (type WebhookTest) for the test-delivery call. */
    Uni<WebhookDelivery> createTest(Webhook webhook, Instant now);

    Uni<List<DeliveryView>> recent(WebhookId webhookId, int limit);

    record Claimed(WebhookDelivery delivery, Webhook webhook) {
    }

    record DeliveryView(WebhookDelivery delivery, List<DeliveryAttempt> attempts) {
    }
}
