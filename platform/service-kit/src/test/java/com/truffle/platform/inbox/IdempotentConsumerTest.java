package com.truffle.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.truffle.platform.kitapp.KitEffect;
import com.truffle.platform.kitapp.KitEventConsumer;
import com.truffle.platform.testing.CloudEventPublisher;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.platform.work.FreshContext;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * The inbox on the real database: an event is applied once per consumer and ce_id however often it arrives (here:
 * twice on the real broker, to the test application's consumer); the handler's writes and the mark commit together or
 * not at all; a database that does not answer holds the record until it does.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class IdempotentConsumerTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    IdempotentConsumer inbox;
    @Inject
    Vertx vertx;

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        String key = "agg-" + UUID.randomUUID();
        String twice = UUID.randomUUID().toString();

        CloudEventPublisher.publish(KitEventConsumer.TOPIC, key, "KitChanged", "{\"n\":1}", twice);
        CloudEventPublisher.publish(KitEventConsumer.TOPIC, key, "KitChanged", "{\"n\":1}", twice);
        // same key, same partition, after both copies: once it is applied, both copies have been handled
        String marker = CloudEventPublisher.publish(KitEventConsumer.TOPIC, key, "KitChanged", "{\"n\":2}");

        await().atMost(WAIT).until(() -> effects(KitEventConsumer.CONSUMER, marker) == 1);
        assertThat(effects(KitEventConsumer.CONSUMER, twice)).isEqualTo(1);
        assertThat(TestDatabase.query("select event_type from processed_event where consumer = ? and event_id = ?",
                KitEventConsumer.CONSUMER, twice)).extracting(r -> r.get("event_type")).containsExactly("KitChanged");
    }

    @Test
    void aSecondDeliveryDoesNotRunTheHandlerAgain() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString());
        AtomicInteger calls = new AtomicInteger();

        once("kit-direct", record, e -> {
            calls.incrementAndGet();
            return KitEffect.write("kit-direct", e.id(), e.data());
        });
        once("kit-direct", record, e -> {
            calls.incrementAndGet();
            return KitEffect.write("kit-direct", e.id(), e.data());
        });

        assertThat(calls).hasValue(1);
        assertThat(effects("kit-direct", record)).isEqualTo(1);
    }

    @Test
    void aFailedHandlerLeavesNeitherItsWritesNorTheMarkSoTheRecordIsTriedAgain() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString());

        assertThatThrownBy(() -> once("kit-failing", record, e -> KitEffect.write("kit-failing", e.id(), "half done")
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("the handler broke after writing")))))
                .hasMessageContaining("the handler broke after writing");

        assertThat(effects("kit-failing", record)).as("its write rolled back").isZero();
        assertThat(marks("kit-failing", record)).as("no mark: a redelivery is handled").isZero();

        once("kit-failing", record, e -> KitEffect.write("kit-failing", e.id(), "done"));
        assertThat(effects("kit-failing", record)).isEqualTo(1);
        assertThat(marks("kit-failing", record)).isEqualTo(1);
    }

    @Test
    void eachConsumerAppliesTheSameEventOnce() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString());

        once("kit-a", record, e -> KitEffect.write("kit-a", e.id(), e.data()));
        once("kit-b", record, e -> KitEffect.write("kit-b", e.id(), e.data()));
        once("kit-a", record, e -> KitEffect.write("kit-a", e.id(), e.data()));

        assertThat(effects("kit-a", record)).isEqualTo(1);
        assertThat(effects("kit-b", record)).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNoCloudEventIsSkippedWithoutAMark() {
        ConsumerRecord<String, String> plain = new ConsumerRecord<>(KitEventConsumer.TOPIC, 0, 0L, "k", "{\"n\":1}");
        ConsumerRecord<String, String> tombstone = record(UUID.randomUUID().toString(), null);
        AtomicInteger calls = new AtomicInteger();

        once("kit-skip", plain, e -> Uni.createFrom().voidItem().invoke(calls::incrementAndGet));
        once("kit-skip", tombstone, e -> Uni.createFrom().voidItem().invoke(calls::incrementAndGet));

        assertThat(calls).hasValue(0);
        assertThat(TestDatabase.count("select count(*) from processed_event where consumer = 'kit-skip'")).isZero();
    }

    @Test
    void whileTheDatabaseDoesNotAnswerTheSameRecordIsTriedAgainUntilItDoes() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString());
        AtomicInteger tries = new AtomicInteger();

        long start = System.nanoTime();
        once("kit-outage", record, e -> KitEffect.write("kit-outage", e.id(), "try " + tries.incrementAndGet())
                .chain(() -> tries.get() < 3
                        ? Uni.createFrom().failure(new PgException("the database system is starting up", "FATAL", "57P03", null))
                        : Uni.createFrom().voidItem()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(tries).as("tried until the database answered").hasValue(3);
        assertThat(took).as("after 0.2 s, then 0.4 s").isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(TestDatabase.query("select note from kit_effect where consumer = 'kit-outage' and event_id = ?", id(record)))
                .extracting(r -> r.get("note"))
                .as("the failed tries left nothing").containsExactly("try 3");
        assertThat(marks("kit-outage", record)).isEqualTo(1);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        ConsumerRecord<String, String> record = record(UUID.randomUUID().toString());
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> once("kit-bad-data", record, e -> {
            tries.incrementAndGet();
            return Uni.createFrom().failure(new PgException("invalid input syntax for type uuid", "ERROR", "22P02", null));
        })).isInstanceOf(PgException.class);

        assertThat(tries).as("a fault of the record, not an outage: the caller's to handle").hasValue(1);
        assertThat(marks("kit-bad-data", record)).isZero();
    }

    /** Runs the inbox as a Kafka consumer method does: on a Vert.x context of its own. */
    private void once(String consumer, ConsumerRecord<String, String> record, Function<CloudEvent, Uni<Void>> handler) {
        FreshContext.run(vertx, () -> inbox.once(consumer, record, handler)).await().atMost(WAIT);
    }

    static ConsumerRecord<String, String> record(String ceId) {
        return record(ceId, "{\"n\":1}");
    }

    static ConsumerRecord<String, String> record(String ceId, String value) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>(KitEventConsumer.TOPIC, 0, 0L, "k", value);
        r.headers().add("ce_id", ceId.getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", "KitChanged".getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_source", "urn:truffle:test".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    static String id(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }

    static long effects(String consumer, ConsumerRecord<String, String> record) {
        return effects(consumer, id(record));
    }

    static long effects(String consumer, String eventId) {
        return TestDatabase.count("select count(*) from kit_effect where consumer = ? and event_id = ?", consumer, eventId);
    }

    static long marks(String consumer, ConsumerRecord<String, String> record) {
        return TestDatabase.count("select count(*) from processed_event where consumer = ? and event_id = ?", consumer, id(record));
    }
}
