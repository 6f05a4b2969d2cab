package com.truffle.gateway.adapter.out.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of a topic on its own thread, as every gateway replica must (no consumer group, no
 * commits): from the records written since {@code since} (epoch millis; a negative value: the beginning), and
 * then whatever comes. "Caught up" once it has read to the end offsets it saw on connecting. Reconnects on
 * failure; the thread only ever blocks in {@code poll}.
 */
final class BroadcastTopicReader {

    private static final Logger LOG = Logger.getLogger(BroadcastTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PARTITION_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String name;
    private final String bootstrapServers;
    private final Map<String, String> login;
    private final String topic;
    private final LongSupplier since;
    private final Consumer<ConsumerRecord<String, String>> apply;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean caughtUp;
    private volatile String lastError;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    BroadcastTopicReader(String name, String bootstrapServers, Map<String, String> login, String topic, LongSupplier since,
            Consumer<ConsumerRecord<String, String>> apply) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.login = login;
        this.topic = topic;
        this.since = since;
        this.apply = apply;
    }

    void start() {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopSignal.countDown();
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean caughtUp() {
        return caughtUp;
    }

    String lastError() {
        return lastError;
    }

    private void run() {
        while (!stopping()) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties(), new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                consume(c);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.warnf("%s: %s; reconnecting", name, e.toString());
                pause(1_000);
            } finally {
                consumer = null;
            }
        }
    }

    private void consume(KafkaConsumer<String, String> c) {
        List<TopicPartition> assigned = new ArrayList<>();
        Map<TopicPartition, Long> bootEnd = new HashMap<>();
        long nextRefresh = 0;
        while (!stopping()) {
            if (assigned.isEmpty() || System.nanoTime() - nextRefresh > 0) {
                List<TopicPartition> partitions = partitions(c);
                if (partitions.size() > assigned.size()) {
                    List<TopicPartition> added = new ArrayList<>(partitions);
                    added.removeAll(assigned);
                    assigned = partitions;
                    c.assign(assigned);
                    seek(c, added);
                    if (!caughtUp) {
                        bootEnd.putAll(c.endOffsets(added));
                    }
                }
                nextRefresh = System.nanoTime() + PARTITION_REFRESH_NANOS;
                if (assigned.isEmpty()) {
                    pause(500);
                    continue;
                }
            }
            for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                apply.accept(r);
            }
            if (!caughtUp && reached(c, bootEnd)) {
                caughtUp = true;
                lastError = null;
            }
        }
    }

    private void seek(KafkaConsumer<String, String> c, List<TopicPartition> partitions) {
        long from = since.getAsLong();
        if (from < 0) {
            c.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query);
        List<TopicPartition> none = new ArrayList<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = offsets.get(p);
            if (o == null) {
                none.add(p); // nothing written since then
            } else {
                c.seek(p, o.offset());
            }
        }
        if (!none.isEmpty()) {
            c.seekToEnd(none);
        }
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> bootEnd) {
        if (bootEnd.isEmpty()) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> e : bootEnd.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<PartitionInfo> infos;
        try {
            infos = c.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            lastError = "broker not reachable at " + bootstrapServers;
            return List.of();
        }
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) {
            infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        }
        if (out.isEmpty()) {
            lastError = "topic " + topic + " not found";
        }
        out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return out;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(login);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }

    private void pause(long millis) {
        try {
            stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
