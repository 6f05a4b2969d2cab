package com.truffle.platform.outbox;

import static com.truffle.platform.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.KafkaProbe;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TestInfrastructure;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.platform.work.FreshContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The read half of the outbox, from {@code outbox_event} on the real PostgreSQL to the real broker, read back with a
 * plain KafkaConsumer ({@link KafkaProbe}): committed rows leave in id order (per partition, so per aggregate) in
 * CloudEvents binary mode, a tombstone as a null value, and are deleted; what is not committed does not leave; a
 * record Kafka refuses stays, with its aggregate's later records behind it, while the others leave.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class OutboxRelayTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SOURCE = "urn:truffle:service-kit-test";

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Vertx vertx;

    record Changed(String aggregateId, int seq) {
    }

    @Test
    void committedEventsLeaveInIdOrderAsCloudEventsAndAreDeleted() {
        String topic = newTopic();
        Instant t0 = Instant.parse("2026-12-02T14:05:09.000001Z");
        List<OutboxEvent> first = new ArrayList<>();
        List<OutboxEvent> second = new ArrayList<>();
        for (int seq = 0; seq < 9; seq++) {
            String key = "agg-" + seq % 3;
            (seq < 5 ? first : second).add(OutboxEvent.of(topic, key, "Changed", new Changed(key, seq), t0.plusMillis(seq)));
        }
        OutboxEvent tombstone = OutboxEvent.tombstone(topic, "agg-1", "Deleted", t0.plusSeconds(1));
        second.add(tombstone);
        List<OutboxEvent> all = new ArrayList<>(first);
        all.addAll(second);

        List<Map<String, Object>> rows;
        try (KafkaProbe probe = KafkaProbe.topic(topic)) {
            try (RelayPause paused = new RelayPause()) {
                inTransaction(() -> outbox.appendAll(first));
                inTransaction(() -> outbox.appendAll(second));
                rows = OutboxTest.rows(topic);
            }
            assertThat(rows).hasSize(10);
            Map<String, Long> rowId = new HashMap<>();
            rows.forEach(r -> rowId.put(r.get("event_id").toString(), (Long) r.get("id")));

            List<ConsumerRecord<String, String>> records = awaitRecords(probe, 10);
            await().atMost(WAIT).until(() -> OutboxTest.rows(topic).isEmpty());
            records = probe.drain(Duration.ofMillis(500));

            assertThat(records).as("each event once").hasSize(10);
            // Kafka keeps order per partition: there the records must be in the outbox's id order
            Map<Integer, List<Long>> idsByPartition = records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
                    Collectors.mapping(r -> rowId.get(r.value() == null ? tombstone.id().toString() : header(r, "ce_id")),
                            Collectors.toList())));
            idsByPartition.forEach((partition, ids) -> assertThat(ids).as("partition " + partition).isSorted().doesNotHaveDuplicates());
            // and so each aggregate's events in the order they happened, its tombstone last
            Map<String, List<String>> byKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                    Collectors.mapping(r -> r.value() == null ? "tombstone" : r.value(), Collectors.toList())));
            assertThat(byKey.get("agg-0")).containsExactly(json("agg-0", 0), json("agg-0", 3), json("agg-0", 6));
            assertThat(byKey.get("agg-1")).containsExactly(json("agg-1", 1), json("agg-1", 4), json("agg-1", 7), "tombstone");
            assertThat(byKey.get("agg-2")).containsExactly(json("agg-2", 2), json("agg-2", 5), json("agg-2", 8));

            for (OutboxEvent e : all.subList(0, 9)) {
                ConsumerRecord<String, String> r = records.stream().filter(x -> e.id().toString().equals(header(x, "ce_id")))
                        .findFirst().orElseThrow();
                assertThat(r.key()).isEqualTo(e.key());
                assertThat(header(r, "ce_type")).isEqualTo("Changed");
                assertThat(header(r, "ce_source")).isEqualTo(SOURCE);
                assertThat(header(r, "ce_subject")).isEqualTo(e.key());
                assertThat(OffsetDateTime.parse(header(r, "ce_time")).toInstant()).isEqualTo(e.time());
                assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
            }
            ConsumerRecord<String, String> dropped = records.stream().filter(r -> r.value() == null).findFirst().orElseThrow();
            assertThat(dropped.key()).isEqualTo("agg-1");
            assertThat(header(dropped, "ce_id")).as("a tombstone is no CloudEvent").isNull();
        }
    }

    @Test
    void anEventWhoseTransactionHasNotCommittedDoesNotLeave() throws Exception {
        String topic = newTopic();
        UUID id = UUID.randomUUID();

        try (KafkaProbe probe = KafkaProbe.topic(topic);
                Connection tx = TestInfrastructure.postgres().connect(TestDatabase.name())) {
            tx.setAutoCommit(false);
            try (PreparedStatement insert = tx.prepareStatement("insert into outbox_event (event_id, topic, event_key, event_type,"
                    + " subject, payload, occurred_at) values (?, ?, 'k_7', 'KeyCreated', 'k_7', '{\"key_id\":\"k_7\"}', ?)")) {
                insert.setObject(1, id);
                insert.setString(2, topic);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }

            relay.publishNow(Duration.ofSeconds(2)).await().atMost(Duration.ofSeconds(5));
            assertThat(probe.drain(Duration.ofSeconds(1))).as("still in its transaction").isEmpty();

            tx.commit();
            ConsumerRecord<String, String> r = probe.await(x -> id.toString().equals(header(x, "ce_id")), WAIT);
            assertThat(r.value()).isEqualTo("{\"key_id\":\"k_7\"}");
        }
        await().atMost(WAIT).until(() -> OutboxTest.rows(topic).isEmpty());
    }

    @Test
    void publishNowCompletesOnlyOnceTheEventIsOnKafka() {
        String topic = newTopic();
        OutboxEvent event = OutboxEvent.of(topic, "k_1", "KeyRevoked", new Changed("k_1", 1), Instant.now());

        inTransaction(() -> outbox.append(event));
        relay.publishNow(Duration.ofSeconds(10)).await().atMost(Duration.ofSeconds(15));

        assertThat(OutboxTest.rows(topic)).as("published (by publishNow or the loop before it) and deleted").isEmpty();
        try (KafkaProbe probe = KafkaProbe.topic(topic)) {
            probe.await(r -> event.id().toString().equals(header(r, "ce_id")), Duration.ofSeconds(5));
        }
    }

    @Test
    void publishNowGivesUpQuietlyWithinItsTimeWhileAnotherReplicaPublishes() {
        String topic = newTopic();
        OutboxEvent event = OutboxEvent.of(topic, "k_1", "KeyRevoked", new Changed("k_1", 1), Instant.now());

        try (RelayPause otherReplica = new RelayPause()) {
            inTransaction(() -> outbox.append(event));

            long start = System.nanoTime();
            relay.publishNow(Duration.ofMillis(300)).await().atMost(Duration.ofSeconds(5));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("bounded by its own time, not the other replica's").isLessThan(Duration.ofSeconds(3));
            assertThat(OutboxTest.rows(topic)).as("the other replica has it to publish").hasSize(1);
        }
        try (KafkaProbe probe = KafkaProbe.topic(topic)) {
            probe.await(r -> event.id().toString().equals(header(r, "ce_id")), WAIT);
        }
        await().atMost(WAIT).until(() -> OutboxTest.rows(topic).isEmpty());
    }

    @Test
    void aRecordKafkaRefusesHoldsBackOnlyItsOwnAggregateInOrderAndLeavesNoRepeat() {
        String topic = newTopic();
        // larger than the producer's max.request.size (1 MiB): Kafka refuses it, every time
        OutboxEvent tooLarge = OutboxEvent.of(topic, "k_9", "Huge", "{\"blob\":\"" + "x".repeat(1_100_000) + "\"}", Instant.now());
        OutboxEvent next = OutboxEvent.of(topic, "k_9", "Small", new Changed("k_9", 2), Instant.now());
        OutboxEvent other = OutboxEvent.of(topic, "k_10", "Small", new Changed("k_10", 1), Instant.now());
        try (RelayPause paused = new RelayPause()) {
            inTransaction(() -> outbox.appendAll(List.of(tooLarge, next, other)));
        }

        try {
            await().atMost(WAIT).until(() -> OutboxTest.rows(topic).size() == 2);
            assertThat(OutboxTest.rows(topic)).as("the refused record and its aggregate's later one stay, in order")
                    .extracting(r -> r.get("event_id")).containsExactly(tooLarge.id(), next.id());
            Throwable failure = await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(this::oneDrainFailure, Objects::nonNull);
            assertThat(causes(failure)).as(failure.toString()).anyMatch(RecordTooLargeException.class::isInstance);
            assertThat(OutboxTest.rows(topic)).extracting(r -> r.get("event_id")).containsExactly(tooLarge.id(), next.id());
        } finally {
            // the fault is cleared (here: the record that cannot be published goes)
            TestDatabase.query("delete from outbox_event where event_id = ? returning id", tooLarge.id());
        }

        await().atMost(WAIT).until(() -> OutboxTest.rows(topic).isEmpty());
        try (KafkaProbe probe = KafkaProbe.topic(topic)) {
            probe.await(r -> next.id().toString().equals(header(r, "ce_id")), WAIT);
            List<ConsumerRecord<String, String>> records = probe.toEnd(WAIT);
            // the later record of the refused one's aggregate was never sent ahead of it: once, after the fault
            assertThat(records).extracting(r -> header(r, "ce_id")).containsExactlyInAnyOrder(other.id().toString(), next.id().toString());
        }
    }

    /** One drain by this test: null when another pass (the relay's loop) held the lock, else how it failed. */
    private Throwable oneDrainFailure() {
        try {
            int published = relay.drainOnce().await().atMost(Duration.ofSeconds(10));
            assertThat(published).as("nothing of the aggregate leaves while its first row cannot").isZero();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A topic of its own for each test, made now (three partitions, as the platform's topics) so it can be read from the start. */
    static String newTopic() {
        String topic = OutboxTest.topic();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
        return topic;
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(KafkaProbe probe, int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ConsumerRecord<String, String>> records = probe.drain(Duration.ZERO);
        while (records.size() < n && System.nanoTime() < deadline) {
            records = probe.drain(Duration.ofMillis(200));
        }
        assertThat(records).hasSizeGreaterThanOrEqualTo(n);
        return records;
    }

    private static String json(String key, int seq) {
        return "{\"aggregate_id\":\"" + key + "\",\"seq\":" + seq + "}";
    }

    private <T> T inTransaction(Supplier<Uni<T>> work) {
        return FreshContext.run(vertx, () -> Panache.withTransaction(work)).await().atMost(Duration.ofSeconds(10));
    }
}
