package com.truffle.platform.kitapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.truffle.platform.inbox.IdempotentConsumer;

/** A consumer as the services write theirs: each record through the inbox, the handler's write in its transaction. */
@ApplicationScoped
public class KitEventConsumer {

    public static final String CONSUMER = "kit-event-consumer";
    public static final String TOPIC = "kit.events.v1";

    @Inject
    IdempotentConsumer inbox;

    @Incoming("kit-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.once(CONSUMER, record, event -> KitEffect.write(CONSUMER, event.id(), event.data()));
    }
}
