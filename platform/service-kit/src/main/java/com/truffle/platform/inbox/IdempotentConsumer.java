package com.truffle.platform.inbox;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.truffle.platform.persistence.DatabaseUnavailable;

/**
 * Runs a consumer's handler at most once per ce_id: the id is recorded in {@code processed_event} in the
 * same transaction as the handler's writes, so a redelivery after a crash (or a duplicate publish) is a no-op,
 * and a failed handler leaves no mark (the record is retried). A database outage holds the record until the
 * database answers again (see {@link #attempt}).
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private static final long MAX_BACKOFF_MS = 5_000;

    private static final String MARK = "insert into processed_event (consumer, event_id, event_type, processed_at) "
            + "values (:consumer, :id, :type, now()) on conflict do nothing";

    public Uni<Void> once(String consumer, ConsumerRecord<String, String> record, Function<CloudEvent, Uni<Void>> handler) {
        CloudEvent event = CloudEvent.of(record);
        if (!event.isEvent()) {
            LOG.debugf("%s: skipping a record without CloudEvent headers (key %s)", consumer, record.key());
            return Uni.createFrom().voidItem();
        }
        return attempt(consumer, event, handler, Vertx.currentContext(), 0);
    }

    /**
     * One try in one transaction. While the database is not answering (down, restarting), the same record is tried
     * again after 0.2, 0.4 … 5 s, on the same Vert.x context, for as long as it takes: the partition waits (order is
     * kept) and nothing is dead-lettered or skipped for an outage. Any other failure is the caller's to handle.
     */
    private Uni<Void> attempt(String consumer, CloudEvent event, Function<CloudEvent, Uni<Void>> handler, Context context,
                              int failures) {
        Uni<Void> once = Uni.createFrom().deferred(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(MARK)
                        .setParameter("consumer", consumer)
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .executeUpdate())
                .chain(inserted -> inserted == 1 ? handler.apply(event) : Uni.createFrom().voidItem())));
        if (context == null) {
            return once;
        }
        return once.onFailure(DatabaseUnavailable::is).recoverWithUni(e -> {
            long delay = Math.min(MAX_BACKOFF_MS, 200L << Math.min(failures, 5));
            if (failures % 10 == 0) {
                LOG.warnf("%s: database unavailable handling %s %s (try %d), trying again in %d ms: %s", consumer, event.type(),
                        event.id(), failures + 1, delay, e.toString());
            }
            return Uni.createFrom().<Void>emitter(emitter -> context.owner().setTimer(delay, timer -> context.runOnContext(
                    ignored -> attempt(consumer, event, handler, context, failures + 1)
                            .subscribe().with(emitter::complete, emitter::fail))));
        });
    }
}
