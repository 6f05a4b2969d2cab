package com.truffle.screening.adapter.in.scheduling;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.platform.work.ClaimingWorkers;
import com.truffle.platform.work.PgNotifications;
import com.truffle.screening.application.port.in.DeliverWebhooksUseCase;
import com.truffle.screening.domain.ClaimedDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Drives the webhook deliveries ({@link ClaimingWorkers}): wakes on PostgreSQL NOTIFY when a delivery is committed, on
 * a timer (retries that come due, leases that expired) and whenever a delivery ends (its endpoint's next one may now
 * go); up to {@code max-in-flight} receivers are called at once and one slow or hostile receiver never holds up
 * another's.
 */
@ApplicationScoped
class WebhookDeliveryWorkers {

    @Inject
    DeliverWebhooksUseCase deliveries;
    @Inject
    PgNotifications notifications;

    @Inject
    SchedulingSettings settings;

    private ClaimingWorkers<ClaimedDelivery> workers;

    void start(@Observes StartupEvent ev) {
        workers = ClaimingWorkers.start("webhook-deliveries", notifications, "webhook_delivery", settings.webhookPollInterval(), deliveries,
                claimed -> "webhook delivery " + claimed.delivery().id());
    }

    /** Stops claiming and lets the calls in flight end (each within its deadline); what remains leased is retried. */
    void stop(@Observes ShutdownEvent ev) {
        if (workers != null) {
            workers.stop(settings.webhookDeadline().plusSeconds(1));
        }
    }
}
