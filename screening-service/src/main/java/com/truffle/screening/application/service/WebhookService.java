package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.ManageWebhooksUseCase;
import com.truffle.screening.application.port.out.SendWebhookPort;
import com.truffle.screening.application.port.out.WebhookDeliveryPort;
import com.truffle.screening.application.port.out.WebhookPort;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.RetryPolicy;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.screening.domain.TestDeliveryLimit;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class WebhookService implements ManageWebhooksUseCase {

    /** A test ping is tried once: its answer is what the caller wants to see. */
    private static final RetryPolicy ONCE = new RetryPolicy(java.time.Duration.ZERO, java.time.Duration.ZERO, 1);

    @Inject
    WebhookPort webhooks;
    @Inject
    WebhookDeliveryPort deliveries;
    @Inject
    SendWebhookPort sender;
    @Inject
    HiringPolicy policy;
    @Inject
    TestDeliveryLimit testLimit;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<Webhook> register(RegisterWebhookCommand command) {
        Webhook webhook = Webhook.register(command.companyId(), command.url(), command.eventTypes(), command.description(),
                policy.webhookRequireHttps(), clock.instant());
        return webhooks.count(command.companyId()).chain(count -> {
            if (count >= policy.maxWebhooksPerCompany()) {
                throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.WEBHOOK_LIMIT_REACHED,
                        "A company can have at most " + policy.maxWebhooksPerCompany() + " webhooks; delete one first.");
            }
            return webhooks.save(webhook).replaceWith(webhook);
        });
    }

    @Override
    @WithSession
    public Uni<List<Webhook>> list(CompanyId companyId) {
        return webhooks.list(companyId);
    }

    @Override
    @WithTransaction
    public Uni<Void> delete(CompanyId companyId, WebhookId webhookId) {
        return webhooks.delete(companyId, webhookId, clock.instant()).invoke(deleted -> {
            if (!deleted) {
                throw ScreeningRuleViolation.notFound("webhook", webhookId);
            }
        }).chain(() -> deliveries.abandonPending(webhookId, "webhook deleted"));
    }

    /**
     * Three steps, never a transaction across the call: check the test-delivery limit and create the ping (one short
     * transaction, serialised per company so concurrent tests count each other), call the receiver (bounded by the
     * sender's deadline), record its answer (a second short transaction).
     */
    @Override
    public Uni<DeliveryAttempt> test(CompanyId companyId, WebhookId webhookId) {
        return Panache.withTransaction(() -> existing(companyId, webhookId).chain(webhook -> {
                    Instant now = clock.instant();
                    return deliveries.lockRecentTests(companyId, now.minus(testLimit.lookBack())).chain(recent -> {
                        testLimit.check(webhookId, recent, now);
                        return deliveries.createTest(webhook, now).map(delivery -> new Ping(webhook, delivery));
                    });
                }))
                .chain(ping -> sender.send(ping.webhook(), ping.delivery()).chain(result -> Panache.withTransaction(() -> {
                    DeliveryAttempt attempt = ping.delivery().record(result, ONCE, clock.instant());
                    return deliveries.record(ping.delivery(), attempt, null).replaceWith(attempt);
                })));
    }

    private record Ping(Webhook webhook, WebhookDelivery delivery) {
    }

    @Override
    @WithSession
    public Uni<List<DeliveryHistory>> deliveries(CompanyId companyId, WebhookId webhookId, int limit) {
        return existing(companyId, webhookId).chain(w -> deliveries.recent(webhookId, limit))
                .map(views -> views.stream().map(v -> new DeliveryHistory(v.delivery(), v.attempts())).toList());
    }

    private Uni<Webhook> existing(CompanyId companyId, WebhookId webhookId) {
        return webhooks.load(companyId, webhookId)
                .map(found -> found.orElseThrow(() -> ScreeningRuleViolation.notFound("webhook", webhookId)));
    }
}
