package com.truffle.ashby.adapter.in.scheduling;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.DeliverAssessmentUpdatesUseCase;
import com.truffle.ashby.domain.ClaimedDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import com.truffle.platform.work.FreshContext;
import com.truffle.platform.work.PgNotifications;
import com.truffle.platform.work.WakeableLoop;

/**
 * Drives the delivery outbox: wakes on PostgreSQL NOTIFY when an update is committed (so a result leaves within
 * milliseconds), on a timer (for retries that come due), and whenever a delivery ends (its assessment's next update
 * may now go). Each wake claims what is due within the free capacity and starts each delivery on its own Vert.x
 * context, so one company's slow Ashby never holds up another's.
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
    Vertx vertx;
    @Inject
    Settings settings;

    @Inject
    PgNotifications notifications;

    private volatile boolean stopped;
    private WakeableLoop loop;

    void start(@Observes StartupEvent ev) {
        if (!settings.enabled()) {
            LOG.info("Ashby delivery is disabled (truffle.ashby.delivery.enabled=false)");
            return;
        }
        // a pass claims what is due within the free capacity; more may be due (one per company per claim)
        loop = WakeableLoop.start("ashby-delivery", notifications, "ashby_delivery", settings.pollInterval(),
                () -> deliveries.claimDue().map(claimed -> {
                    claimed.forEach(this::deliver);
                    return !claimed.isEmpty();
                }));
    }

    /** Finishes the calls in flight (briefly), then gives back this process's claims so nothing waits for a lease. */
    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        if (loop != null) {
            loop.stop();
        }
        if (!settings.enabled()) {
            return;
        }
        if (deliveries.inFlight() > 0) {
            // the shutdown thread may block; the event loops finish the calls in flight meanwhile
            try {
                Multi.createFrom().ticks().every(Duration.ofMillis(20)).filter(tick -> deliveries.inFlight() == 0)
                        .toUni().await().atMost(settings.shutdownGrace());
            } catch (TimeoutException e) {
                LOG.warnf("delivery: %d call(s) still in flight after %s", deliveries.inFlight(), settings.shutdownGrace());
            }
        }
        try {
            onFreshContext(deliveries::releaseClaims).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("delivery: could not release claims on shutdown (%s); they expire with their lease", e.toString());
        }
    }

    /** Claims and starts what is due now (coalesces concurrent wakes). */
    public void wake() {
        if (loop != null && !stopped) {
            loop.wake();
        }
    }

    private void deliver(ClaimedDelivery delivery) {
        onFreshContext(() -> deliveries.deliver(delivery)).subscribe().with(done -> wake(),
                failure -> LOG.warnf("delivery %d: %s", delivery.id(), failure.toString()));
    }

    private <T> Uni<T> onFreshContext(Supplier<Uni<T>> work) {
        return FreshContext.run(vertx, work);
    }
}
