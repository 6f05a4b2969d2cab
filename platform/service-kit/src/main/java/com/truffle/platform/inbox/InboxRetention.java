package com.truffle.platform.inbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets processed event ids once their topic can no longer redeliver them (topics keep events 7 days;
 * ids are kept twice as long), so the inbox does not grow forever.
 */
@ApplicationScoped
public class InboxRetention {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class);

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;

    @ConfigProperty(name = "truffle.inbox.retention", defaultValue = "P14D")
    Duration retention;

    private long timer = -1;

    void start(@Observes StartupEvent ev) {
        timer = vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), Duration.ofHours(1).toMillis(), id -> purge());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void purge() {
        pool.preparedQuery("delete from processed_event where processed_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds()))
                .subscribe().with(rows -> LOG.debugf("inbox: forgot %d processed event id(s)", rows.rowCount()),
                        e -> LOG.warnf("inbox: purge failed: %s", e.getMessage()));
    }
}
