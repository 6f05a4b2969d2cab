package com.truffle.platform.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The write half of the transactional outbox: appends events in the caller's current Hibernate Reactive
 * transaction, so the state change and its events commit (or roll back) together. The relay publishes them.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, topic, event_key, event_type, subject, payload, occurred_at) "
            + "values (:id, :topic, :key, :type, :subject, :payload, :time)";
    // a separate statement, because a null parameter has no type for the driver
    private static final String INSERT_TOMBSTONE = "insert into outbox_event (event_id, topic, event_key, event_type, subject, payload, occurred_at) "
            + "values (:id, :topic, :key, :type, :subject, null, :time)";

    @Inject
    ObjectMapper mapper;

    /** Must run inside a transaction (the application service's {@code @WithTransaction}). */
    public Uni<Void> append(OutboxEvent event) {
        String payload = serialise(event.payload());
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(payload == null ? INSERT_TOMBSTONE : INSERT)
                    .setParameter("id", event.id())
                    .setParameter("topic", event.topic())
                    .setParameter("key", event.key())
                    .setParameter("type", event.type())
                    .setParameter("subject", event.subject() == null ? event.key() : event.subject())
                    .setParameter("time", OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC));
            if (payload != null) {
                query.setParameter("payload", payload);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    public Uni<Void> appendAll(List<OutboxEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutboxEvent e : events) {
            chain = chain.chain(() -> append(e));
        }
        return chain;
    }

    private String serialise(Object payload) {
        if (payload == null) {
            return null;
        }
        if (payload instanceof String s) {
            return s;
        }
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + payload.getClass().getName(), e);
        }
    }
}
