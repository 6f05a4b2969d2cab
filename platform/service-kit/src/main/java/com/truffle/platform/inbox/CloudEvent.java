package com.truffle.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The CloudEvents attributes of a Kafka record in binary mode (ce_* headers) and its JSON data. */
public record CloudEvent(String id, String type, String source, String subject, Instant time, String key, String data) {

    public static CloudEvent of(ConsumerRecord<String, String> record) {
        return new CloudEvent(header(record, "ce_id"), header(record, "ce_type"), header(record, "ce_source"),
                header(record, "ce_subject"), time(header(record, "ce_time")), record.key(), record.value());
    }

    /** A record without ce_id is not one of our events (or a tombstone): it cannot be deduplicated. */
    public boolean isEvent() {
        return id != null && type != null && data != null;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
