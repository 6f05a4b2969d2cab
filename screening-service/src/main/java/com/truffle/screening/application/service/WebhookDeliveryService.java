package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.DeliverWebhooksUseCase;
import com.truffle.screening.application.port.out.SendWebhookPort;
import com.truffle.screening.application.port.out.WebhookDeliveryPort;
import com.truffle.screening.application.port.out.WebhookPort;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.Webhook;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Delivers one due webhook delivery per call, in one transaction that holds the delivery's row lock: the attempt,
 * its outcome and the endpoint's failure count commit together, so a crash mid-way just means the delivery is
 * attempted again later (receivers deduplicate on the event id), and a SUCCEEDED delivery is never sent again.
 */
@ApplicationScoped
public class WebhookDeliveryService implements DeliverWebhooksUseCase {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveryService.class);

    @Inject
    WebhookDeliveryPort deliveries;
    @Inject
    WebhookPort webhooks;
    @Inject
    SendWebhookPort sender;
    @Inject
    HiringPolicy policy;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<Boolean> deliverNext() {
        return deliveries.claimNext(clock.instant()).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            var delivery = claimed.get().delivery();
            Webhook webhook = claimed.get().webhook();
            if (webhook.status() != Webhook.Status.ACTIVE) {
                delivery.abandon("webhook is " + webhook.status());
                return deliveries.record(delivery, null).replaceWith(true);
            }
            return sender.send(webhook, delivery).chain(result -> {
                Instant now = clock.instant();
                DeliveryAttempt attempt = delivery.record(result, policy.webhookRetry(), now);
                boolean disabled = false;
                if (result.success()) {
                    webhook.recordSuccess();
                } else {
                    disabled = webhook.recordFailure(policy.webhookDisableAfter(), now);
                    LOG.debugf("webhook %s delivery %s attempt %d failed: %s", webhook.id(), delivery.id(), attempt.attemptNo(),
                            result.error());
                }
                Uni<Void> stored = deliveries.record(delivery, attempt).chain(() -> webhooks.save(webhook));
                if (disabled) {
                    LOG.warnf("webhook %s of company %s disabled: %s", webhook.id(), webhook.companyId(), webhook.disabledReason());
                    stored = stored.chain(() -> deliveries.abandonPending(webhook.id(), webhook.disabledReason()));
                }
                return stored.replaceWith(true);
            });
        });
    }
}
