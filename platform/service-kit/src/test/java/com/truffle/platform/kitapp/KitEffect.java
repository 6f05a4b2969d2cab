package com.truffle.platform.kitapp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The test application's own state: one row each time a consumer's handler applies an event. Being an entity, it also
 * makes Hibernate Reactive start (Outbox and IdempotentConsumer write through its session) and has the schema checked.
 */
@Entity
@Table(name = "kit_effect")
public class KitEffect {

    @Id
    public String id;

    public String consumer;

    @Column(name = "event_id")
    public String eventId;

    public String note;

    /** Writes one effect now, in the caller's transaction (flushed: the row is in the database before the handler ends). */
    public static Uni<Void> write(String consumer, String eventId, String note) {
        KitEffect effect = new KitEffect();
        effect.id = java.util.UUID.randomUUID().toString();
        effect.consumer = consumer;
        effect.eventId = eventId;
        effect.note = note;
        return Panache.getSession().chain(s -> s.persist(effect).chain(s::flush));
    }
}
