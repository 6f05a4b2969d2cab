package com.truffle.ashby.adapter.in.messaging;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.platform.inbox.CloudEvent;
import com.truffle.platform.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How every consumer of this service takes a record: once per ce_id (service-kit's inbox, in the handler's
 * transaction), and, when the handler fails for a passing reason (the database restarting, a lock conflict), again
 * with backoff before the record is acknowledged, so events are neither lost nor taken out of order. Records that can
 * never be handled (unreadable) are skipped by the handlers themselves, so they cannot block a partition.
 */
@ApplicationScoped
class ReliableInbox {

    private static final Logger LOG = Logger.getLogger(ReliableInbox.class);

    @Inject
    IdempotentConsumer inbox;

    public Uni<Void> take(String consumer, ConsumerRecord<String, String> record, Function<CloudEvent, Uni<Void>> handler) {
        return Uni.createFrom().deferred(() -> inbox.once(consumer, record, handler))
                .onFailure().invoke(e -> LOG.warnf("%s: handling failed, retrying: %s", consumer, e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }
}
