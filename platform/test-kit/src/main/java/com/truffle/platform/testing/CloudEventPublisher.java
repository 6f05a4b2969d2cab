package com.truffle.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;


/** Puts an event on the real broker exactly as a producing service's outbox relay would (CloudEvents binary mode). */
public final class CloudEventPublisher {

    private CloudEventPublisher() {
    }

    /** Publishes and returns the ce_id. */
    public static String publish(String topic, String key, String type, String json) {
        return publish(topic, key, type, json, UUID.randomUUID().toString());
    }

    /** Publishes with a given ce_id (a redelivery of the same event). */
    public static String publish(String topic, String key, String type, String json, String ceId) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", ceId);
            header(record, "ce_type", type);
            header(record, "ce_source", "urn:truffle:test");
            header(record, "ce_subject", key);
            header(record, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
            header(record, "content-type", "application/json");
            producer.send(record).get(10, TimeUnit.SECONDS);
            return ceId;
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type + " to " + topic, e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
