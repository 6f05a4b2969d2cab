package com.truffle.screening.adapter.out.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.platform.outbox.Outbox;
import com.truffle.platform.outbox.OutboxEvent;
import com.truffle.screening.application.port.out.PublishScreeningEventPort;
import com.truffle.screening.domain.ScreeningEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Each event goes, in the caller's transaction, to two outboxes: the Kafka one (truffle.screening.v1, keyed by
 * the aggregate id) and the webhook one (a delivery row per active endpoint of the company that subscribed to the
 * type). Both carry the same event id, so a receiver of both can tell they are one event.
 */
@ApplicationScoped
class ScreeningEventPublisher implements PublishScreeningEventPort {

    static final String TOPIC = "truffle.screening.v1";

    private static final String FAN_OUT = "insert into webhook_delivery (id, webhook_id, company_id, event_id, event_type, body, "
            + "status, attempts, next_attempt_at, created_at) "
            + "select gen_random_uuid(), w.id, w.company_id, :eventId, :type, :body, 'PENDING', 0, :now, :now "
            + "from webhook w join webhook_event_type t on t.webhook_id = w.id "
            + "where w.company_id = :company and w.status = 'ACTIVE' and w.deleted_at is null and t.event_type = :type";

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;

    @Override
    public Uni<Void> publish(List<? extends ScreeningEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ScreeningEvent event : events) {
            chain = chain.chain(() -> publish(event));
        }
        return chain;
    }

    private Uni<Void> publish(ScreeningEvent event) {
        UUID id = UUID.randomUUID();
        Object payload = ScreeningEventPayload.of(event);
        String data = write(payload);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", event.type());
        envelope.put("created_at", event.occurredAt().toString());
        envelope.put("company_id", event.companyId().value());
        envelope.put("data", payload);
        String body = write(envelope);
        return outbox.append(new OutboxEvent(id, TOPIC, event.key(), event.type(), event.key(), data, event.occurredAt()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(FAN_OUT)
                        .setParameter("eventId", id).setParameter("type", event.type()).setParameter("body", body)
                        .setParameter("now", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                        .setParameter("company", event.companyId().value()).executeUpdate()))
                .replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + value, e);
        }
    }
}
