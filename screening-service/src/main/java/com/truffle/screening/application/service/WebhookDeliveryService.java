package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.platform.work.InFlight;
import com.truffle.screening.application.port.in.DeliverWebhooksUseCase;
import com.truffle.screening.application.port.out.SendWebhookPort;
import com.truffle.screening.application.port.out.WebhookDeliveryPort;
import com.truffle.screening.application.port.out.WebhookPort;
import com.truffle.screening.domain.ClaimedDelivery;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.DeliveryResult;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookDeliveryLimits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Delivers webhook deliveries without ever holding a transaction (or a pooled connection) across a receiver's answer:
 * the claim is one short transaction that leases the deliveries, the call runs outside any, and the outcome (the
 * attempt, the delivery's state, the endpoint's failure count, disabling) is a second short transaction. A process
 * that dies mid-call leaves a lease that expires, and the delivery is attempted again (receivers deduplicate on the
 * event id); a SUCCEEDED delivery is never sent again.
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
    WebhookDeliveryLimits limits;
    @Inject
    Clock clock;

    /** This process's webhook calls in flight, in all and per company: what the next claim may still take. */
    private InFlight<CompanyId> capacity;

    @PostConstruct
    void init() {
        capacity = new InFlight<>(limits.maxInFlight());
    }

    @Override
    public Uni<List<ClaimedDelivery>> claimDue() {
        int room = capacity.room();
        if (room <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withTransaction(() -> deliveries.claimDue(room, limits.perCompany(), capacity.byOwner(), limits.lease()))
                .invoke(claimed -> claimed.forEach(c -> capacity.take(c.companyId())));
    }

    @Override
    public Uni<Void> deliver(ClaimedDelivery claimed) {
        Uni<Void> work;
        if (claimed.webhook().status() != Webhook.Status.ACTIVE) {
            work = Panache.withTransaction(() -> {
                claimed.delivery().abandon("webhook is " + claimed.webhook().status());
                return deliveries.record(claimed.delivery(), null, claimed.leasedUntil()).replaceWithVoid();
            });
        } else {
            work = sender.send(claimed.webhook(), claimed.delivery())
                    .chain(result -> Panache.withTransaction(() -> recordOutcome(claimed, result)));
        }
        return work
                .onFailure().invoke(e -> LOG.warnf("webhook %s delivery %s: %s; it stays queued and is retried when its lease ends",
                        claimed.webhook().id(), claimed.delivery().id(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid()
                .eventually(() -> capacity.release(claimed.companyId()));
    }

    /** Endpoint first, then delivery: the same lock order as deleting an endpoint, so the two never deadlock. */
    private Uni<Void> recordOutcome(ClaimedDelivery claimed, DeliveryResult result) {
        WebhookDelivery delivery = claimed.delivery();
        return webhooks.lockAndLoad(claimed.webhook().id()).chain(current -> {
            Instant now = clock.instant();
            DeliveryAttempt attempt = delivery.record(result, policy.webhookRetry(), now);
            return deliveries.record(delivery, attempt, claimed.leasedUntil()).chain(stored -> {
                if (!stored) {
                    LOG.infof("webhook %s delivery %s: no longer leased to this process (taken over, disabled or deleted); "
                            + "attempt %d not recorded", claimed.webhook().id(), delivery.id(), attempt.attemptNo());
                    return Uni.createFrom().voidItem();
                }
                return count(current, delivery, attempt, result, now);
            });
        });
    }

    private Uni<Void> count(Optional<Webhook> current, WebhookDelivery delivery, DeliveryAttempt attempt, DeliveryResult result,
            Instant now) {
        if (current.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Webhook webhook = current.get();
        boolean disabled = false;
        if (result.success()) {
            webhook.recordSuccess();
        } else {
            disabled = webhook.recordFailure(policy.webhookDisableAfter(), now);
            LOG.debugf("webhook %s delivery %s attempt %d failed: %s", webhook.id(), delivery.id(), attempt.attemptNo(),
                    result.error());
        }
        Uni<Void> stored = webhooks.save(webhook);
        if (disabled) {
            LOG.warnf("webhook %s of company %s disabled: %s", webhook.id(), webhook.companyId(), webhook.disabledReason());
            stored = stored.chain(() -> deliveries.abandonPending(webhook.id(), webhook.disabledReason()));
        }
        return stored;
    }

    @Override
    public int inFlight() {
        return capacity.total();
    }
}
