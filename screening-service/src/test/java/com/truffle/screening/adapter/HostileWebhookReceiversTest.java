package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import com.truffle.screening.support.RawReceiver;
import com.truffle.screening.support.RawReceiver.Behaviour;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhook receivers are strangers' servers (issue 12): one company's hostile receivers (an endless body, a 2 GB body,
 * a byte a second, no answer at all) cost each attempt at most the deadline and a few kilobytes, are disabled by the
 * usual rule, and never hold up another company's deliveries. Real receivers on raw sockets, the real workers and
 * the real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class HostileWebhookReceiversTest {

    /** %test truffle.screening.webhooks.timeout. */
    static final long DEADLINE_MILLIS = 2_000;
    static final long SLACK_MILLIS = 700;
    /** The answer cap (4 KiB) plus the kernel's buffers on both sides; an unbounded reader takes in megabytes a second. */
    static final long MAX_WRITTEN = 256 * 1024;
    /** %test truffle.screening.webhooks.disable-after. */
    static final int DISABLE_AFTER = 6;
    /** truffle.screening.webhooks.max-in-flight-per-company (default). */
    static final int PER_COMPANY = 2;

    final List<RawReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() throws IOException {
        for (RawReceiver r : receivers) {
            r.close();
        }
    }

    @Test
    void hostileReceiversCostAtMostTheDeadlineAreDisabledAndAnotherCompanysDeliveriesKeepFlowing() throws Exception {
        Api a = new Api();
        Api b = new Api();
        Map<Behaviour, RawReceiver> hostile = new EnumMap<>(Behaviour.class);
        Map<Behaviour, String> hooks = new EnumMap<>(Behaviour.class);
        for (Behaviour behaviour : List.of(Behaviour.ENDLESS_BODY, Behaviour.HUGE_BODY, Behaviour.TRICKLE, Behaviour.STALL)) {
            RawReceiver receiver = receiver(RawReceiver.start(behaviour));
            hostile.put(behaviour, receiver);
            hooks.put(behaviour, a.registerWebhook(receiver.url("/" + behaviour), "CandidateAdded").getString("id"));
        }
        RawReceiver polite = receiver(RawReceiver.start(Behaviour.NO_CONTENT));
        String bHook = b.registerWebhook(polite.url("/b"), "CandidateAdded").getString("id");

        // two events for each hostile endpoint: 5 attempts per delivery, 6 failures in a row disable it (test config)
        a.createCandidate(Api.email());
        a.createCandidate(Api.email());

        // meanwhile company B's events keep arriving within a couple of seconds, one per hostile attempt
        List<Long> bLatencies = new ArrayList<>();
        int whileHostileCallsOpen = 0;
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (disabled(a) < hooks.size()) {
            assertThat(System.nanoTime()).as("A's hostile webhooks are disabled within a minute").isLessThan(giveUp);
            long attemptsBefore = attempts(a);
            long created = System.nanoTime();
            String candidate = b.createCandidate(Api.email());
            RawReceiver.Request got = await().atMost(Duration.ofSeconds(2)).until(
                    () -> polite.requests().stream().filter(r -> r.body().contains(candidate)).findFirst(), Optional::isPresent).get();
            bLatencies.add((got.arrivedNanos() - created) / 1_000_000);
            if (hostile.values().stream().anyMatch(r -> r.open() > 0)) {
                whileHostileCallsOpen++;
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(a) > attemptsBefore || disabled(a) == hooks.size());
        }
        assertThat(bLatencies).as("B's delivery latencies (ms)").isNotEmpty().allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
        assertThat(whileHostileCallsOpen).as("B deliveries that arrived while A's receivers were being called").isGreaterThanOrEqualTo(3);

        for (Behaviour behaviour : hooks.keySet()) {
            String hook = hooks.get(behaviour);
            List<Map<String, Object>> attempts = TestDatabase.query("select a.success, a.status_code, a.error, a.duration_ms "
                    + "from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id where d.webhook_id = ?::uuid", hook);
            assertThat(attempts).as(behaviour + ": attempts until disabled").hasSize(DISABLE_AFTER);
            String expected = switch (behaviour) {
                case ENDLESS_BODY, HUGE_BODY -> "HTTP 200 with an answer over 4096 bytes; the connection was reset";
                default -> "no complete answer within 2000 ms";
            };
            for (Map<String, Object> attempt : attempts) {
                assertThat(attempt.get("success")).as(behaviour + " attempt failed").isEqualTo(false);
                assertThat((String) attempt.get("error")).as(behaviour + " error").contains(expected);
                assertThat(((Number) attempt.get("duration_ms")).longValue()).as(behaviour + " attempt within the deadline")
                        .isLessThanOrEqualTo(DEADLINE_MILLIS + SLACK_MILLIS);
            }
            assertThat(TestDatabase.count("select count(*) from webhook_delivery where webhook_id = ?::uuid and status = 'PENDING'", hook))
                    .as(behaviour + ": nothing left pending once disabled").isZero();

            RawReceiver receiver = hostile.get(behaviour);
            assertThat(receiver.accepted()).as(behaviour + ": one call per attempt").isEqualTo(DISABLE_AFTER);
            await().atMost(Duration.ofSeconds(3)).until(() -> receiver.ended().size() == DISABLE_AFTER);
            for (RawReceiver.Connection c : receiver.ended()) {
                assertThat(c.bytesWritten()).as(behaviour + ": bytes the receiver got written before the reset").isLessThan(MAX_WRITTEN);
                assertThat(c.millis()).as(behaviour + ": connection closed by the deadline").isLessThanOrEqualTo(DEADLINE_MILLIS + 1_500);
            }
        }
        given().auth().oauth2(a.admin).get("/v1/webhooks").then().statusCode(200)
                .body("data.status", org.hamcrest.Matchers.everyItem(equalTo("DISABLED")))
                .body("data.disabled_reason", org.hamcrest.Matchers.everyItem(equalTo("Disabled after 6 failed delivery attempts in a row.")));
        given().auth().oauth2(b.admin).get("/v1/webhooks").then().statusCode(200)
                .body("data[0].id", equalTo(bHook)).body("data[0].status", equalTo("ACTIVE")).body("data[0].consecutive_failures", equalTo(0));

        // A's calls were in flight two at a time at most (its share), never more, while B had its own
        assertThat(maxConcurrentAttempts(a)).as("A's attempts in flight at once").isEqualTo(PER_COMPANY);
    }

    @Test
    void aLeaseLeftByADeadWorkerExpiresAndAnEndpointNeverHasTwoCallsInFlight() throws Exception {
        Api d = new Api();
        RawReceiver polite = receiver(RawReceiver.start(Behaviour.NO_CONTENT));
        String dead = d.registerWebhook(polite.url("/dead"), "CandidateAdded").getString("id");
        String busy = d.registerWebhook(polite.url("/busy"), "CandidateAdded").getString("id");

        // a worker claimed this one and died mid-call: its lease ran out a second ago, so it is attempted again
        UUID orphan = insertDelivery(dead, d.company, "now() - interval '1 second'");
        // another replica is calling this endpoint right now (leased for an hour): the one behind it waits its turn
        UUID held = insertDelivery(busy, d.company, "now() + interval '1 hour'");
        UUID behind = insertDelivery(busy, d.company, null);

        await().atMost(Duration.ofSeconds(5)).until(() -> status(orphan).equals("SUCCEEDED"));
        assertThat(polite.requests()).extracting(RawReceiver.Request::path).containsExactly("/dead");
        assertThat(TestDatabase.query("select attempts, leased_until from webhook_delivery where id = ?::uuid", orphan).get(0))
                .containsEntry("attempts", 1).containsEntry("leased_until", null);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> polite.requests().stream().noneMatch(r -> r.path().equals("/busy")));
        assertThat(status(behind)).isEqualTo("PENDING");

        // the other replica's call ends (its outcome recorded, its lease gone): now the next one goes
        TestDatabase.query("update webhook_delivery set status = 'SUCCEEDED', attempts = 1, leased_until = null, "
                + "delivered_at = now() where id = ?::uuid returning id", held);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(behind).equals("SUCCEEDED"));
        assertThat(polite.requests()).filteredOn(r -> r.path().equals("/busy")).singleElement()
                .satisfies(r -> assertThat(r.eventId()).isEqualTo(eventId(behind)));
    }

    private RawReceiver receiver(RawReceiver r) {
        receivers.add(r);
        return r;
    }

    private static long attempts(Api company) {
        return TestDatabase.count("select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id "
                + "where d.company_id = ?", company.company);
    }

    private static long disabled(Api company) {
        return TestDatabase.count("select count(*) from webhook where company_id = ? and status = 'DISABLED'", company.company);
    }

    /** The most attempts of the company that overlapped in time (each from its start to its recorded end). */
    private static int maxConcurrentAttempts(Api company) {
        List<long[]> events = new ArrayList<>();
        for (Map<String, Object> row : TestDatabase.query("select a.attempted_at, a.duration_ms from webhook_attempt a "
                + "join webhook_delivery d on d.id = a.delivery_id where d.company_id = ?", company.company)) {
            long end = micros(row.get("attempted_at"));
            long start = end - ((Number) row.get("duration_ms")).longValue() * 1_000;
            events.add(new long[] {start, 1});
            events.add(new long[] {end, -1});
        }
        events.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1])); // an end before a start
        int open = 0;
        int max = 0;
        for (long[] e : events) {
            open += (int) e[1];
            max = Math.max(max, open);
        }
        return max;
    }

    private static long micros(Object timestamp) {
        OffsetDateTime t = timestamp instanceof OffsetDateTime o ? o
                : ((java.sql.Timestamp) timestamp).toInstant().atOffset(java.time.ZoneOffset.UTC);
        return ChronoUnit.MICROS.between(OffsetDateTime.parse("2000-01-01T00:00:00Z"), t);
    }

    private static UUID insertDelivery(String webhookId, String company, String leasedUntil) {
        return (UUID) TestDatabase.query("insert into webhook_delivery (id, webhook_id, company_id, event_id, event_type, body, status, "
                + "attempts, next_attempt_at, created_at, leased_until) values (gen_random_uuid(), ?::uuid, ?, gen_random_uuid(), "
                + "'CandidateAdded', '{}', 'PENDING', 0, now() - interval '1 minute', now(), "
                + (leasedUntil == null ? "null" : leasedUntil) + ") returning id", webhookId, company).get(0).get("id");
    }

    private static String status(UUID delivery) {
        return (String) TestDatabase.query("select status from webhook_delivery where id = ?", delivery).get(0).get("status");
    }

    private static String eventId(UUID delivery) {
        return TestDatabase.query("select event_id from webhook_delivery where id = ?", delivery).get(0).get("event_id").toString();
    }
}
