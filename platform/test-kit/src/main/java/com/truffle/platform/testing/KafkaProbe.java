package com.truffle.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;


/** Reads what really reached the broker: a test's view of a topic, from its beginning, without a consumer group. */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private KafkaProbe(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static KafkaProbe topic(String topic) {
        return new KafkaProbe(TestInfrastructure.kafkaBootstrapServers(), topic);
    }

    public static KafkaProbe topic(String bootstrap, String topic) {
        return new KafkaProbe(bootstrap, topic);
    }

    /** Waits for the first record (from the topic's beginning) that matches; fails after the timeout. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        do {
            for (; checked < seen.size(); checked++) {
                if (match.test(seen.get(checked))) {
                    return seen.get(checked);
                }
            }
            // keep the whole batch: the consumer's position has moved past all of it
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        } while (System.nanoTime() < deadline || checked < seen.size());
        throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size() + " record(s): "
                + seen.stream().map(r -> header(r, "ce_type") + "/" + r.key()).collect(Collectors.joining(", ")));
    }

    public ConsumerRecord<String, String> awaitType(String ceType, String key, Duration timeout) {
        return await(r -> ceType.equals(header(r, "ce_type")) && (key == null || key.equals(r.key())), timeout);
    }

    /**
     * The records of the marker's partition up to and including it. A positive way to show that something was not
     * published: publish something later under the same key (same partition, so after it), wait for that marker,
     * and what is not here was never published before it.
     */
    public List<ConsumerRecord<String, String>> upTo(ConsumerRecord<String, String> marker) {
        return seen.stream().filter(r -> r.partition() == marker.partition() && r.offset() <= marker.offset()).toList();
    }

    /**
     * Everything on the topic now: reads until the position reaches the end offsets taken at this call. Called once
     * the producer's outbox is empty (nothing committed is left to publish), what is not here was never published.
     */
    public List<ConsumerRecord<String, String>> toEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the topic's end " + end + " not reached within " + timeout);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** Everything read so far plus whatever arrives within {@code settle}. */
    public List<ConsumerRecord<String, String>> drain(Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
