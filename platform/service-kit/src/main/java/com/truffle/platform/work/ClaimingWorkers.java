package com.truffle.platform.work;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Drives deliveries out of a table-backed queue: a {@link WakeableLoop} (NOTIFY on commit, a timer for retries that
 * come due and leases that expired, and a wake whenever a delivery ends) claims what is due within the free capacity
 * and starts each claimed item on its own Vert.x context, so up to the work's capacity of receivers are called at once
 * and one slow receiver never holds up another. Used by the connector (results to Ashby) and screening-service
 * (webhooks).
 *
 * @param <T> a claimed item
 */
public final class ClaimingWorkers<T> {

    /** What the workers drive: the delivering use case. */
    public interface Work<T> {

        /** Claims what is due within this process's free capacity (one short transaction). */
        Uni<List<T>> claimDue();

        /** Calls the receiver and records the outcome; never fails for a receiver's fault. */
        Uni<Void> deliver(T item);

        /** Calls this process has in flight. */
        int inFlight();
    }

    private final String name;
    private final PgNotifications notifications;
    private final Work<T> work;
    private final Function<T, Object> describe;
    private final Logger log;
    private final WakeableLoop loop;
    private volatile boolean stopped;

    private ClaimingWorkers(String name, PgNotifications notifications, String channel, Duration pollInterval, Work<T> work,
            Function<T, Object> describe) {
        this.name = name;
        this.notifications = notifications;
        this.work = work;
        this.describe = describe;
        this.log = Logger.getLogger(ClaimingWorkers.class.getName() + "." + name);
        // a pass claims what is due within the free capacity; more may be due (the claim takes a fair share per owner)
        this.loop = WakeableLoop.start(name, notifications, channel, pollInterval, () -> work.claimDue().map(claimed -> {
            claimed.forEach(this::deliver);
            return !claimed.isEmpty();
        }));
    }

    /**
     * Starts claiming: on NOTIFY of {@code channel}, every {@code pollInterval} and after each delivery.
     *
     * @param describe names an item in a log line (its id)
     */
    public static <T> ClaimingWorkers<T> start(String name, PgNotifications notifications, String channel,
            Duration pollInterval, Work<T> work, Function<T, Object> describe) {
        return new ClaimingWorkers<>(name, notifications, channel, pollInterval, work, describe);
    }

    /** Claims and starts what is due now (concurrent wakes coalesce). */
    public void wake() {
        if (!stopped) {
            loop.wake();
        }
    }

    /**
     * Stops claiming and lets the calls in flight end within {@code grace}; what is still leased after it is taken
     * over when the lease expires. May block: call it from the shutdown thread, never an event loop.
     */
    public void stop(Duration grace) {
        stopped = true;
        loop.stop();
        if (work.inFlight() > 0) {
            try {
                Multi.createFrom().ticks().every(Duration.ofMillis(20)).filter(tick -> work.inFlight() == 0)
                        .toUni().await().atMost(grace);
            } catch (TimeoutException e) {
                log.warnf("%s: %d call(s) still in flight after %s; their leases expire and they are retried", name,
                        work.inFlight(), grace);
            }
        }
    }

    private void deliver(T item) {
        FreshContext.run(notifications.vertx(), () -> work.deliver(item)).subscribe().with(done -> wake(),
                failure -> log.warnf("%s %s: %s", name, describe.apply(item), failure.toString()));
    }
}
