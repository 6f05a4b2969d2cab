package com.truffle.platform.inbox;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's handler at most once per ce_id: the id is recorded in {@code processed_event} in the
 * same transaction as the handler's writes, so a redelivery after a crash (or a duplicate publish) is a no-op,
 * and a failed handler leaves no mark (the record is retried).
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private static final String MARK = "insert into processed_event (consumer, event_id, event_type, processed_at) "
            + "values (:consumer, :id, :type, now()) on conflict do nothing";

    public Uni<Void> once(String consumer, ConsumerRecord<String, String> record, Function<CloudEvent, Uni<Void>> handler) {
        CloudEvent event = CloudEvent.of(record);
        if (!event.isEvent()) {
            LOG.debugf("%s: skipping a record without CloudEvent headers (key %s)", consumer, record.key());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(MARK)
                        .setParameter("consumer", consumer)
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .executeUpdate())
                .chain(inserted -> inserted == 1 ? handler.apply(event) : Uni.createFrom().voidItem()));
    }
}
