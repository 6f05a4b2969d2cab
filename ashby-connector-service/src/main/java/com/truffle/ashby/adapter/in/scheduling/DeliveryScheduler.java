package com.truffle.ashby.adapter.in.scheduling;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.DeliverAssessmentUpdatesUseCase;
import com.truffle.ashby.domain.ClaimedDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

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

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private PgSubscriber subscriber;
    private long timer = -1;

    void start(@Observes StartupEvent ev) {
        if (!settings.enabled()) {
            LOG.info("Ashby delivery is disabled (truffle.ashby.delivery.enabled=false)");
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel("ashby_delivery").handler(payload -> wake());
        subscriber.connect().subscribe().with(ok -> wake(),
                e -> LOG.warnf("delivery: LISTEN not available (%s); polling every %s", e.getMessage(), settings.pollInterval()));
        timer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> wake());
    }

    /** Finishes the calls in flight (briefly), then gives back this process's claims so nothing waits for a lease. */
    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        if (!settings.enabled()) {
            return;
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (deliveries.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // the shutdown thread may block; the event loops finish the calls
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
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
        if (stopped) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        onFreshContext(deliveries::claimDue).subscribe().with(claimed -> {
            claimed.forEach(this::deliver);
            claiming.set(false);
            if (!claimed.isEmpty() || again.getAndSet(false)) {
                wake(); // more may be due (one per company per claim), or a wake came in meanwhile
            }
        }, failure -> {
            claiming.set(false);
            if (!stopped) {
                LOG.warnf("delivery: claiming failed, retrying in %s: %s", settings.pollInterval(), failure.toString());
            }
        });
    }

    private void deliver(ClaimedDelivery delivery) {
        onFreshContext(() -> deliveries.deliver(delivery)).subscribe().with(done -> wake(),
                failure -> LOG.warnf("delivery %d: %s", delivery.id(), failure.toString()));
    }

    /**
     * Runs {@code work} on a new duplicated Vert.x context flagged safe: Hibernate Reactive keeps one session per such
     * context, so concurrent deliveries never share a session.
     */
    private <T> Uni<T> onFreshContext(Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>emitter(emitter -> context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete,
                emitter::fail)));
    }
}
