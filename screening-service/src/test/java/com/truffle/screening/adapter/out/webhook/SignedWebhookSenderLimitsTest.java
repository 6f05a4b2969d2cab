package com.truffle.screening.adapter.out.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryResult;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.support.RawReceiver;
import com.truffle.screening.support.RawReceiver.Behaviour;
import io.vertx.mutiny.core.Vertx;

/**
 * A receiver is a stranger's server: whatever it does, one attempt ends within the deadline and reads at most the
 * answer cap. Four hostile receivers on raw sockets (endless body, 2 GB body, a byte a second, no answer), called at the
 * same time, each end within the deadline with a clear error, and none got more than a few kernel buffers written.
 */
class SignedWebhookSenderLimitsTest {

    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Deadline plus scheduling slack. */
    static final long WITHIN_MILLIS = DEADLINE.toMillis() + 700;
    /** The cap (4 KiB) plus the kernel's buffers on both sides: far below what an unbounded reader takes in. */
    static final long MAX_WRITTEN = 256 * 1024;

    Vertx vertx;
    final List<RawReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawReceiver r : receivers) {
            r.close();
        }
        vertx.closeAndAwait();
    }

    @Test
    void hostileReceiversEndWithinTheDeadlineAndNoBodyIsBuffered() throws Exception {
        SignedWebhookSender sender = sender();
        Map<Behaviour, RawReceiver> hostile = new EnumMap<>(Behaviour.class);
        Map<Behaviour, CompletableFuture<DeliveryResult>> results = new EnumMap<>(Behaviour.class);
        Map<Behaviour, Long> took = new java.util.concurrent.ConcurrentHashMap<>();
        for (Behaviour b : List.of(Behaviour.ENDLESS_BODY, Behaviour.HUGE_BODY, Behaviour.TRICKLE, Behaviour.STALL)) {
            RawReceiver receiver = receiver(RawReceiver.start(b));
            hostile.put(b, receiver);
            long start = System.nanoTime();
            results.put(b, sender.send(webhook(receiver.url("/hook")), delivery()).subscribeAsCompletionStage()
                    .whenComplete((r, e) -> took.put(b, (System.nanoTime() - start) / 1_000_000)));
        }
        await().atMost(Duration.ofMillis(WITHIN_MILLIS)).until(() -> results.values().stream().allMatch(CompletableFuture::isDone));

        for (Behaviour b : results.keySet()) {
            DeliveryResult result = results.get(b).join();
            assertThat(result.success()).as(b + " fails").isFalse();
            assertThat(took.get(b)).as(b + " ends within the deadline").isLessThanOrEqualTo(WITHIN_MILLIS);
            assertThat(result.durationMillis()).as(b + " duration").isLessThanOrEqualTo(WITHIN_MILLIS);
        }
        assertThat(results.get(Behaviour.ENDLESS_BODY).join().error()).contains("answer over 4096 bytes").contains("reset");
        assertThat(results.get(Behaviour.ENDLESS_BODY).join().statusCode()).isEqualTo(200);
        assertThat(results.get(Behaviour.HUGE_BODY).join().error()).contains("answer over 4096 bytes");
        // the body-heavy ones are cut at the cap, long before the deadline
        assertThat(took.get(Behaviour.ENDLESS_BODY)).isLessThan(DEADLINE.toMillis());
        assertThat(took.get(Behaviour.HUGE_BODY)).isLessThan(DEADLINE.toMillis());
        assertThat(results.get(Behaviour.TRICKLE).join().error()).contains("no complete answer within 2000 ms");
        assertThat(results.get(Behaviour.STALL).join().error()).contains("no complete answer within 2000 ms");

        // the receivers see the connection closed: nothing keeps reading, and little was taken in
        for (Behaviour b : hostile.keySet()) {
            RawReceiver receiver = hostile.get(b);
            await().atMost(Duration.ofSeconds(3)).until(() -> receiver.ended().size() == 1);
            RawReceiver.Connection c = receiver.ended().get(0);
            assertThat(c.millis()).as(b + " connection closed by the deadline").isLessThanOrEqualTo(WITHIN_MILLIS + 1_000);
            assertThat(c.bytesWritten()).as(b + " bytes the receiver got written").isLessThan(MAX_WRITTEN);
        }
    }

    @Test
    void aWholeAnswerWithinTheCapCountsByItsStatusAndOneByteMoreFails() throws Exception {
        SignedWebhookSender sender = sender();
        RawReceiver atCap = receiver(RawReceiver.answering200WithBody(4096));
        RawReceiver overCap = receiver(RawReceiver.answering200WithBody(4097));
        RawReceiver empty = receiver(RawReceiver.start(Behaviour.NO_CONTENT));

        DeliveryResult ok = sender.send(webhook(atCap.url("/hook?x=1")), delivery()).await().atMost(Duration.ofSeconds(5));
        assertThat(ok.success()).isTrue();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(atCap.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/hook?x=1");
            assertThat(r.eventType()).isEqualTo("ScreeningCompleted");
            assertThat(r.body()).isEqualTo("{\"hello\":\"world\"}");
        });

        DeliveryResult tooLong = sender.send(webhook(overCap.url("/hook")), delivery()).await().atMost(Duration.ofSeconds(5));
        assertThat(tooLong.success()).isFalse();
        assertThat(tooLong.statusCode()).isEqualTo(200);
        assertThat(tooLong.error()).contains("answer over 4096 bytes");

        assertThat(sender.send(webhook(empty.url("/")), delivery()).await().atMost(Duration.ofSeconds(5)).statusCode()).isEqualTo(204);
    }

    private RawReceiver receiver(RawReceiver r) {
        receivers.add(r);
        return r;
    }

    private SignedWebhookSender sender() {
        SignedWebhookSender sender = new SignedWebhookSender();
        sender.vertx = vertx;
        sender.clock = Clock.systemUTC();
        sender.settings = new WebhookSenderSettings(DEADLINE, true, 4096);
        return sender;
    }

    private static Webhook webhook(String url) {
        return Webhook.register(new CompanyId("limits-co"), url, List.of("ScreeningCompleted"), null, false, Instant.now());
    }

    private static WebhookDelivery delivery() {
        return new WebhookDelivery(UUID.randomUUID(), new com.truffle.screening.domain.WebhookId(UUID.randomUUID()),
                new CompanyId("limits-co"), UUID.randomUUID(), "ScreeningCompleted", "{\"hello\":\"world\"}",
                WebhookDelivery.Status.PENDING, 0, Instant.now(), null, null, Instant.now(), null);
    }
}
