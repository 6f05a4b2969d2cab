package com.truffle.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Issue 3's numbers: key creation latency through the gateway (company admin → gateway → key-service: the
 * access check, secret + HMAC, insert, audit line and two outbox rows in one transaction), and how fast events
 * leave through the transactional outbox under concurrent creations (commit → relay → Kafka, counted on the topic).
 */
public final class KeyServiceBench {

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 240;
        Path root = Path.of(args.length > 1 ? args[1] : "../..").toAbsolutePath().normalize();
        try (BenchStack stack = BenchStack.start(root)) {
            System.out.println(Machine.describe());
            int perCompany = 24; // the per-company limit is 25
            List<String> companies = new ArrayList<>();
            for (int i = 0; i < (keys * 2 + perCompany - 1) / perCompany + 1; i++) {
                companies.add(stack.approvedCompany());
            }
            // warm up (and wait for AccessApproved to reach key-service for every company)
            for (String c : companies) {
                stack.createKey(c, "READ");
            }

            // 1. sequential creations: latency as a user sees it
            List<Double> latency = new ArrayList<>();
            int made = 0;
            for (String c : companies.subList(0, companies.size() / 2)) {
                String token = stack.adminToken(c); // a signed-in admin: one session token, as in the web app
                for (int i = 0; i < perCompany - 1 && made < keys; i++, made++) {
                    long t0 = System.nanoTime();
                    BenchStack.expect(stack.send("POST", "/v1/api-keys", token,
                            "{\"name\":\"k" + i + "\",\"permission\":\"READ\"}"), 201);
                    latency.add((System.nanoTime() - t0) / 1e6);
                }
            }
            // the same path without the write: the admin listing keys (gateway session check + key-service read)
            List<Double> reads = new ArrayList<>();
            String reader = stack.adminToken(companies.get(0));
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                BenchStack.expect(stack.send("GET", "/v1/api-keys", reader, null), 200);
                reads.add((System.nanoTime() - t0) / 1e6);
            }
            double[] r = Percentiles.sorted(reads);
            System.out.printf("%nbaseline, GET /v1/api-keys through the gateway, 200 sequential: p50 %.1f ms, p99 %.1f ms%n",
                    Percentiles.of(r, 50), Percentiles.of(r, 99));
            double[] l = Percentiles.sorted(latency);
            System.out.printf("%nkey creation through the gateway, %d sequential: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    l.length, Percentiles.of(l, 50), Percentiles.of(l, 90), Percentiles.of(l, 99), l[l.length - 1]);

            // 2. concurrent creations: outbox throughput, measured on the topic
            List<String> burstCompanies = companies.subList(companies.size() / 2, companies.size());
            Set<String> ids = Collections.synchronizedSet(new HashSet<>());
            ExecutorService pool = Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (String c : burstCompanies) {
                String token = stack.adminToken(c);
                for (int i = 0; i < perCompany - 1; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        ids.add(BenchStack.expect(stack.send("POST", "/v1/api-keys", token,
                                "{\"name\":\"b" + n + "\",\"permission\":\"WRITE\"}"), 201).path("id").asText());
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double createSeconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long lastEventMillis = lastEventTime(stack.stack.kafkaBootstrapServers(), ids);
            double totalSeconds = (lastEventMillis - (System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000)) / 1e3;
            int events = ids.size() * 2; // KeyCreated on truffle.keys.v1 + KeyState on truffle.keys.state.v1
            System.out.printf("%d keys created by 16 concurrent admins in %.2f s (%.0f creations/s); all %d outbox events on Kafka "
                    + "%.2f s after the first request: %.0f events/s through the outbox%n",
                    ids.size(), createSeconds, ids.size() / createSeconds, events, totalSeconds, events / totalSeconds);
        }
    }

    /** Reads truffle.keys.v1 from the beginning until every id's KeyCreated is seen; the wall time of the last one. */
    static long lastEventTime(String bootstrap, Set<String> ids) {
        Set<String> waiting = new HashSet<>(ids);
        long last = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor("truffle.keys.v1").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    var type = r.headers().lastHeader("ce_type");
                    if (type != null && "KeyCreated".equals(new String(type.value(), StandardCharsets.UTF_8)) && waiting.remove(r.key())) {
                        last = Math.max(last, r.timestamp());
                    }
                }
            }
        }
        if (!waiting.isEmpty()) {
            throw new IllegalStateException(waiting.size() + " KeyCreated event(s) never reached Kafka");
        }
        return last;
    }

    private KeyServiceBench() {
    }
}
