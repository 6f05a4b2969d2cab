package com.truffle.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.platform.work.FreshContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The write half of the outbox on the real database: an event is a row of {@code outbox_event} written in the
 * caller's transaction, committed or rolled back with it, its payload as the service's JSON. The relay is held off
 * ({@link RelayPause}) so the committed rows can be read before they leave.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class OutboxTest {

    @Inject
    Outbox outbox;
    @Inject
    Vertx vertx;

    record KeyRenamed(String keyId, String newName, int version) {
    }

    static final Instant TIME = Instant.parse("2026-12-02T14:05:09.123456Z");

    @Test
    void anEventIsARowWithItsPayloadAsTheServicesJson() {
        String topic = topic();
        OutboxEvent event = OutboxEvent.of(topic, "k_1", "KeyRenamed", new KeyRenamed("k_1", "CRM sync", 3), TIME);

        try (RelayPause paused = new RelayPause()) {
            inTransaction(() -> outbox.append(event));

            List<Map<String, Object>> rows = rows(topic);
            assertThat(rows).hasSize(1);
            Map<String, Object> row = rows.get(0);
            assertThat(row.get("event_id")).isEqualTo(event.id());
            assertThat(row.get("event_key")).isEqualTo("k_1");
            assertThat(row.get("event_type")).isEqualTo("KeyRenamed");
            assertThat(row.get("subject")).as("the subject defaults to the key").isEqualTo("k_1");
            assertThat(row.get("payload")).as("snake_case, as on every wire")
                    .isEqualTo("{\"key_id\":\"k_1\",\"new_name\":\"CRM sync\",\"version\":3}");
            assertThat(((Timestamp) row.get("occurred_at")).toInstant()).as("to the microsecond").isEqualTo(TIME);
        }
    }

    @Test
    void aGivenSubjectAndAStringPayloadAreKeptAsTheyAre() {
        String topic = topic();
        OutboxEvent event = new OutboxEvent(UUID.randomUUID(), topic, "acme", "AccessApproved", "req_9",
                "{\"company_id\":\"acme\"}", TIME);

        try (RelayPause paused = new RelayPause()) {
            inTransaction(() -> outbox.append(event));

            Map<String, Object> row = rows(topic).get(0);
            assertThat(row.get("subject")).isEqualTo("req_9");
            assertThat(row.get("payload")).as("already JSON: not quoted again").isEqualTo("{\"company_id\":\"acme\"}");
        }
    }

    @Test
    void anEventWithoutASubjectIsAboutItsKey() {
        String topic = topic();
        OutboxEvent event = new OutboxEvent(UUID.randomUUID(), topic, "k_3", "KeyCreated", null, Map.of("key_id", "k_3"), TIME);

        try (RelayPause paused = new RelayPause()) {
            inTransaction(() -> outbox.append(event));

            assertThat(rows(topic).get(0).get("subject")).isEqualTo("k_3");
        }
    }

    @Test
    void aTombstoneIsARowWithoutPayload() {
        String topic = topic();

        try (RelayPause paused = new RelayPause()) {
            inTransaction(() -> outbox.append(OutboxEvent.tombstone(topic, "k_2", "KeyDeleted", TIME)));

            Map<String, Object> row = rows(topic).get(0);
            assertThat(row).containsEntry("event_key", "k_2").containsEntry("event_type", "KeyDeleted");
            assertThat(row.get("payload")).isNull();
        }
    }

    @Test
    void appendAllKeepsTheOrderGiven() {
        String topic = topic();
        List<OutboxEvent> events = List.of(
                OutboxEvent.of(topic, "k_1", "KeyCreated", Map.of("n", 1), TIME),
                OutboxEvent.of(topic, "k_1", "KeyRenamed", Map.of("n", 2), TIME),
                OutboxEvent.of(topic, "k_2", "KeyCreated", Map.of("n", 3), TIME),
                OutboxEvent.tombstone(topic, "k_1", "KeyDeleted", TIME));

        try (RelayPause paused = new RelayPause()) {
            inTransaction(() -> outbox.appendAll(events));

            assertThat(rows(topic)).extracting(r -> r.get("event_id")).as("ids (the relay's order) follow the list")
                    .containsExactlyElementsOf(events.stream().map(OutboxEvent::id).toList());
        }
    }

    @Test
    void theEventsOfATransactionThatFailsAreNeverWritten() {
        String topic = topic();

        try (RelayPause paused = new RelayPause()) {
            assertThatThrownBy(() -> inTransaction(() -> outbox.append(OutboxEvent.of(topic, "k_1", "KeyCreated", Map.of(), TIME))
                    .chain(() -> outbox.append(OutboxEvent.of(topic, "k_1", "KeyRenamed", Map.of(), TIME)))
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("the state change failed")))))
                    .hasMessageContaining("the state change failed");

            assertThat(rows(topic)).isEmpty();
        }
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedAndNothingIsWritten() {
        String topic = topic();

        assertThatThrownBy(() -> inTransaction(() -> outbox.append(OutboxEvent.of(topic, "k_1", "KeyCreated", new Unwritable(), TIME))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Unwritable.class.getName());
        assertThat(rows(topic)).isEmpty();
    }

    /** Jackson cannot write it: its one property fails. */
    public static class Unwritable {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }

    private <T> T inTransaction(Supplier<Uni<T>> work) {
        return FreshContext.run(vertx, () -> Panache.withTransaction(work)).await().atMost(Duration.ofSeconds(10));
    }

    static String topic() {
        return "kit.outbox." + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<Map<String, Object>> rows(String topic) {
        return TestDatabase.query("select * from outbox_event where topic = ? order by id", topic);
    }
}
