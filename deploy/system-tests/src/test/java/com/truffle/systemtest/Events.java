package com.truffle.systemtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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

import com.truffle.deploy.kafka.KafkaAccess;

/** What really went over the stack's Kafka broker: a topic read from its beginning, no consumer group. */
final class Events {

    /**
     * Reads as the connector logs in (the broker enforces SCRAM + ACLs): the topics read here are the ones it consumes,
     * read by assignment, so no consumer group of its own is joined.
     */
    static ConsumerRecord<String, String> await(String topic, String ceType, Predicate<String> value, Duration timeout) {
        Map<String, Object> login = new HashMap<>(Stack.get().kafkaClientProperties(KafkaAccess.ASHBY_CONNECTOR));
        login.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(login, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (ceType.equals(header(r, "ce_type")) && r.value() != null && value.test(r.value())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no " + ceType + " on " + topic + " within " + timeout);
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Events() {
    }
}
