package com.truffle.ashby.adapter.in.scheduling;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.DeliverAssessmentUpdatesUseCase;
import com.truffle.ashby.domain.ClaimedDelivery;
import com.truffle.platform.work.ClaimingWorkers;
import com.truffle.platform.work.FreshContext;
import com.truffle.platform.work.PgNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Drives the delivery outbox: wakes on PostgreSQL NOTIFY when an update is committed (so a result leaves within
 * milliseconds), on a timer (for retries that come due), and whenever a delivery ends (its assessment's next update
 * may now go), through {@link ClaimingWorkers}: each delivery on its own Vert.x context, so one company's slow Ashby
 * never holds up another's.
 */
@ApplicationScoped
public class DeliveryScheduler {

    private static final Logger LOG = Logger.getLogger(DeliveryScheduler.class);

    /** How often to look for due retries; whether to run at all (off for tools that only need the API). */
    public record Settings(Duration pollInterval, boolean enabled, Duration shutdownGrace) {
    }

    @Inject
    DeliverAssessmentUpdatesUseCase deliveries;
    @Inject
    Settings settings;

    @Inject
    PgNotifications notifications;

    private ClaimingWorkers<ClaimedDelivery> workers;

    void start(@Observes StartupEvent ev) {
        if (!settings.enabled()) {
            LOG.info("Ashby delivery is disabled (truffle.ashby.delivery.enabled=false)");
            return;
        }
        workers = ClaimingWorkers.start("ashby-delivery", notifications, "ashby_delivery", settings.pollInterval(), deliveries,
                delivery -> "delivery " + delivery.id());
    }

    /** Finishes the calls in flight (briefly), then gives back this process's claims so nothing waits for a lease. */
    void stop(@Observes ShutdownEvent ev) {
        if (workers == null) {
            return;
        }
        workers.stop(settings.shutdownGrace());
        try {
            FreshContext.run(notifications.vertx(), deliveries::releaseClaims).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("delivery: could not release claims on shutdown (%s); they expire with their lease", e.toString());
        }
    }

    /** Claims and starts what is due now (coalesces concurrent wakes). */
    public void wake() {
        if (workers != null) {
            workers.wake();
        }
    }
}
