package com.truffle.gateway.adapter.out;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.KafkaProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Usage reaches the real broker as KeyUsed events, aggregated per key, valid against the published schema. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class UsagePublishingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestsOfAKeyArePublishedAsAggregatedKeyUsedEvents() throws Exception {
        TestApiKey key = Replica.admit(TestApiKey.live("usage-co", "READ"));
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 7; i++) {
            given().header("Authorization", key.bearer()).get("/v1/jobs").then().statusCode(200);
        }
        given().header("Authorization", key.bearer()).post("/v1/jobs").then().statusCode(403); // authenticated: counted

        long counted = 0;
        int events = 0;
        try (KafkaProbe probe = KafkaProbe.topic("truffle.gateway.usage.v1")) {
            List<ConsumerRecord<String, String>> seen = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (counted < 8 && System.nanoTime() < deadline) {
                seen = probe.drain(Duration.ofMillis(300));
                counted = 0;
                events = 0;
                for (ConsumerRecord<String, String> r : seen) {
                    if (key.keyId().equals(r.key())) {
                        EventContracts.own().assertValid("KeyUsed", r.value());
                        assertThat(KafkaProbe.header(r, "ce_type")).isEqualTo("KeyUsed");
                        assertThat(KafkaProbe.header(r, "ce_source")).isEqualTo("urn:truffle:api-gateway");
                        assertThat(KafkaProbe.header(r, "ce_id")).isNotBlank();
                        JsonNode body = JSON.readTree(r.value());
                        assertThat(body.path("company_id").asText()).isEqualTo("usage-co");
                        assertThat(Instant.parse(body.path("last_at").asText())).isAfter(start);
                        counted += body.path("count").asLong();
                        events++;
                    }
                }
            }
        }
        assertThat(counted).as("requests counted across KeyUsed events").isEqualTo(8);
        assertThat(events).as("aggregated, never one event per request").isLessThan(8);
    }

    @Test
    void theSamplePayloadMatchesTheSchema() {
        EventContracts own = EventContracts.own();
        assertThat(own.types()).containsExactly("KeyUsed");
        own.assertValid("KeyUsed", own.sample("KeyUsed"));
        assertThat(own.violations("KeyUsed", "{\"key_id\":\"k\",\"company_id\":\"c\",\"count\":0,\"first_at\":\"x\",\"last_at\":\"2026-01-01T00:00:00Z\"}"))
                .isNotEmpty();
    }
}
