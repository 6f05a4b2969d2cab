package com.truffle.platform.work;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import org.jboss.logging.Logger;

/**
 * A worker that drains a table-backed queue: it runs a pass when PostgreSQL NOTIFYs its channel (a trigger on
 * the queue fires at commit, so work starts within milliseconds), on a timer as a safety net (and for retries
 * that come due), and whenever {@link #wake()} is called. Concurrent wakes coalesce into at most one more pass;
 * a pass that says "more to do" is followed by another at once. Passes run on a fresh Vert.x context (see
 * {@link FreshContext}), so Hibernate Reactive sessions are never shared.
 */
public final class WakeableLoop {

    private final String name;
    private final Vertx vertx;
    private final Supplier<Uni<Boolean>> pass;
    private final Duration pollInterval;
    private final Logger log;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private PgSubscriber subscriber;
    private long timer = -1;

    /**
     * @param pass one pass over the queue; its item says whether there is more to do right away
     */
    private WakeableLoop(String name, Vertx vertx, Duration pollInterval, Supplier<Uni<Boolean>> pass) {
        this.name = name;
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        this.pass = pass;
        this.log = Logger.getLogger(WakeableLoop.class.getName() + "." + name);
    }

    /** Starts listening on {@code channel} (via {@code notifications}) and polling every {@code pollInterval}. */
    public static WakeableLoop start(String name, PgNotifications notifications, String channel, Duration pollInterval,
            Supplier<Uni<Boolean>> pass) {
        WakeableLoop loop = new WakeableLoop(name, notifications.vertx(), pollInterval, pass);
        loop.subscriber = notifications.subscriber();
        loop.subscriber.channel(channel).handler(payload -> loop.wake());
        loop.subscriber.connect().subscribe().with(ok -> loop.wake(),
                e -> loop.log.warnf("%s: LISTEN %s not available (%s); polling every %s", name, channel, e.getMessage(), pollInterval));
        loop.timer = loop.vertx.setPeriodic(pollInterval.toMillis(), id -> loop.wake());
        return loop;
    }

    /** Runs a pass now, or right after the one under way. */
    public void wake() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        FreshContext.run(vertx, pass).subscribe().with(more -> {
            running.set(false);
            if (Boolean.TRUE.equals(more) || again.getAndSet(false)) {
                wake();
            }
        }, failure -> {
            running.set(false);
            if (!stopped) {
                log.warnf("%s: pass failed, retrying in %s: %s", name, pollInterval, failure.toString());
            }
        });
    }

    public void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
