package com.truffle.platform.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message to publish after the surrounding transaction commits.
 *
 * @param id      the CloudEvents id ({@code ce_id}); consumers deduplicate on it
 * @param topic   the Kafka topic
 * @param key     the record key: the aggregate whose events must stay ordered
 * @param type    the CloudEvents type ({@code ce_type}), the event name, e.g. {@code KeyRegenerated}
 * @param subject the CloudEvents subject, usually the aggregate id
 * @param payload the data, serialised as JSON; {@code null} publishes a tombstone (compacted topics)
 * @param time    when it happened
 */
public record OutboxEvent(UUID id, String topic, String key, String type, String subject, Object payload, Instant time) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    public static OutboxEvent of(String topic, String key, String type, Object payload, Instant time) {
        return new OutboxEvent(UUID.randomUUID(), topic, key, type, key, payload, time);
    }

    /** A tombstone for {@code key} on a compacted topic. */
    public static OutboxEvent tombstone(String topic, String key, String type, Instant time) {
        return new OutboxEvent(UUID.randomUUID(), topic, key, type, key, null, time);
    }
}
