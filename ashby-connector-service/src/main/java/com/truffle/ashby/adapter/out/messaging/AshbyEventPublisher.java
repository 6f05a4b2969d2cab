package com.truffle.ashby.adapter.out.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.out.PublishAshbyEventPort;
import com.truffle.ashby.domain.AshbyEvent;
import com.truffle.platform.outbox.Outbox;
import com.truffle.platform.outbox.OutboxEvent;
import io.smallrye.mutiny.Uni;

/**
 * The connector's events go to truffle.ashby.v1 through the transactional outbox, keyed by assessment id (commands)
 * or company id (connection events), so each aggregate's events stay in order.
 */
@ApplicationScoped
class AshbyEventPublisher implements PublishAshbyEventPort {

    static final String TOPIC = "truffle.ashby.v1";

    @Inject
    Outbox outbox;

    @Override
    public Uni<Void> publish(List<? extends AshbyEvent> events) {
        return outbox.appendAll(events.stream().map(AshbyEventPublisher::toOutbox).toList());
    }

    /** A command's ce_id is its command_id, so a consumer's dedupe and the payload agree. */
    static OutboxEvent toOutbox(AshbyEvent e) {
        UUID id = e instanceof AshbyEvent.AssessmentRequested r ? r.commandId()
                : e instanceof AshbyEvent.AssessmentCancelled c ? c.commandId() : UUID.randomUUID();
        return new OutboxEvent(id, TOPIC, e.orderingKey(), AshbyEventPayloads.typeOf(e), e.orderingKey(),
                AshbyEventPayloads.of(e), e.occurredAt());
    }
}
