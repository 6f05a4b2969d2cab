package com.truffle.screening.application.port.out;

import com.truffle.screening.domain.DeliveryResult;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import io.smallrye.mutiny.Uni;

public interface SendWebhookPort {

    /** POSTs the delivery's body, signed with the endpoint's secret; never fails: a failure is a result. */
    Uni<DeliveryResult> send(Webhook webhook, WebhookDelivery delivery);
}
