package com.truffle.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class CloudEventTest {

    static ConsumerRecord<String, String> record(String key, String value, String... headers) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("truffle.keys.v1", 0, 7L, key, value);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1] == null ? null : headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    @Test
    void theBinaryModeHeadersAndTheDataAreRead() {
        CloudEvent e = CloudEvent.of(record("k_1", "{\"key_id\":\"k_1\"}", "ce_id", "0f3c", "ce_type", "KeyCreated",
                "ce_source", "urn:truffle:key-service", "ce_subject", "k_1", "ce_time", "2026-12-02T14:05:09.123+01:00"));

        assertThat(e).isEqualTo(new CloudEvent("0f3c", "KeyCreated", "urn:truffle:key-service", "k_1",
                Instant.parse("2026-12-02T13:05:09.123Z"), "k_1", "{\"key_id\":\"k_1\"}"));
        assertThat(e.isEvent()).isTrue();
    }

    @Test
    void aRecordWithoutIdTypeOrDataIsNotAnEvent() {
        assertThat(CloudEvent.of(record("k", "{}", "ce_type", "KeyCreated")).isEvent()).as("no ce_id").isFalse();
        assertThat(CloudEvent.of(record("k", "{}", "ce_id", "1")).isEvent()).as("no ce_type").isFalse();
        assertThat(CloudEvent.of(record("k", null, "ce_id", "1", "ce_type", "KeyRevoked")).isEvent()).as("a tombstone").isFalse();
    }

    @Test
    void theLastHeaderOfANameWinsAndABadTimeIsNoTime() {
        CloudEvent e = CloudEvent.of(record("k", "{}", "ce_id", "first", "ce_id", "second", "ce_type", "T", "ce_time", "yesterday"));

        assertThat(e.id()).isEqualTo("second");
        assertThat(e.time()).isNull();
    }
}
