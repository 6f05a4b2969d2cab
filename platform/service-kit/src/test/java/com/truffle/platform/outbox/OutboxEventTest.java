package com.truffle.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OutboxEventTest {

    static final Instant NOW = Instant.parse("2026-12-02T14:05:09Z");

    @Test
    void anEventIsAboutItsKeyUnlessToldOtherwiseAndHasAnIdOfItsOwn() {
        OutboxEvent a = OutboxEvent.of("truffle.keys.v1", "k_1", "KeyCreated", Map.of("key_id", "k_1"), NOW);
        OutboxEvent b = OutboxEvent.of("truffle.keys.v1", "k_1", "KeyCreated", Map.of("key_id", "k_1"), NOW);

        assertThat(a.subject()).isEqualTo("k_1");
        assertThat(a.payload()).isEqualTo(Map.of("key_id", "k_1"));
        assertThat(a.id()).as("consumers deduplicate on it: two events are two ids").isNotEqualTo(b.id());
        assertThat(new OutboxEvent(a.id(), "t", "acme", "T", "req_1", null, NOW).subject()).isEqualTo("req_1");
    }

    @Test
    void aTombstoneHasNoPayload() {
        OutboxEvent t = OutboxEvent.tombstone("truffle.keys.state.v1", "k_1", "KeyDeleted", NOW);

        assertThat(t.payload()).isNull();
        assertThat(t.key()).isEqualTo("k_1");
        assertThat(t.subject()).isEqualTo("k_1");
        assertThat(t.type()).isEqualTo("KeyDeleted");
        assertThat(t.id()).isNotNull();
    }

    @Test
    void whatTheRelayNeedsMustBeThere() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> new OutboxEvent(null, "t", "k", "T", null, null, NOW)).hasMessage("id");
        assertThatThrownBy(() -> new OutboxEvent(id, null, "k", "T", null, null, NOW)).hasMessage("topic");
        assertThatThrownBy(() -> new OutboxEvent(id, "t", null, "T", null, null, NOW)).as("the key keeps an aggregate's order")
                .hasMessage("key");
        assertThatThrownBy(() -> new OutboxEvent(id, "t", "k", null, null, null, NOW)).hasMessage("type");
        assertThatThrownBy(() -> new OutboxEvent(id, "t", "k", "T", null, null, null)).hasMessage("time");
    }
}
