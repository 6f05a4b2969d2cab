package com.truffle.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.truffle.platform.testing.TestInfrastructure;

/** Writes key state to the real broker as key-service would: record per key id, a tombstone when revoked. */
public final class KeyStateTopic {

    public static final String TOPIC = "truffle.keys.state.v1";
    private static KafkaProducer<String, String> producer;

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    public static void publish(TestApiKey key) {
        ProducerRecord<String, String> r = new ProducerRecord<>(TOPIC, key.keyId(), key.recordJson());
        r.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", "KeyState".getBytes(StandardCharsets.UTF_8));
        send(r);
    }

    /** Any value under {@code keyId}, as anyone who can produce to the topic could write it. */
    public static void publishRaw(String keyId, String value) {
        send(new ProducerRecord<>(TOPIC, keyId, value));
    }

    public static void tombstone(String keyId) {
        send(new ProducerRecord<>(TOPIC, keyId, null));
    }

    private static void send(ProducerRecord<String, String> r) {
        try {
            producer().send(r).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + TOPIC, e);
        }
    }

    private KeyStateTopic() {
    }
}
