package com.truffle.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.platform.testing.TestInfrastructure;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Vertx;

/**
 * The queue workers' loop against a real PostgreSQL (LISTEN/NOTIFY): a NOTIFY wakes it, wakes during a pass merge into
 * one more pass, a pass with more to do is followed by another. Each pass here is an emitter the test completes, so
 * the test decides when a pass ends; "no extra pass" is checked positively, by the number a later marker pass gets.
 */
class WakeableLoopTest {

    static final String DATABASE = "truffle_kit_test";
    static final String ROLE = "truffle_kit";
    static final String CHANNEL = "kit_queue";
    static DatabaseBootstrap postgres;

    Vertx vertx;
    WakeableLoop loop;
    final List<UniEmitter<? super Boolean>> passes = new CopyOnWriteArrayList<>();
    final AtomicInteger started = new AtomicInteger();

    @BeforeAll
    static void database() {
        postgres = TestInfrastructure.postgres();
        postgres.ensure(ROLE, ROLE, DATABASE);
    }

    @BeforeEach
    void startLoop() {
        vertx = Vertx.vertx();
        PgNotifications notifications = notifications();
        // polling once an hour: every pass in these tests comes from LISTEN's connect, a NOTIFY or wake()
        loop = WakeableLoop.start("test", notifications, CHANNEL, Duration.ofHours(1), () -> Uni.createFrom().emitter(e -> {
            started.incrementAndGet();
            passes.add(e);
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1); // the pass LISTEN's connect runs
        finish(1, false);
    }

    @AfterEach
    void stopLoop() {
        loop.stop();
        passes.forEach(e -> e.complete(false));
        vertx.closeAndAwait();
    }

    @Test
    void aNotifyOnItsChannelRunsAPass() throws Exception {
        notifyChannel();

        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 2);
    }

    @Test
    void wakesDuringAPassMergeIntoOneMorePass() {
        loop.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 2);
        for (int i = 0; i < 10; i++) {
            loop.wake(); // pass 2 is under way: these ten become one pass after it
        }
        assertThat(started.get()).as("no pass starts while one runs").isEqualTo(2);

        finish(2, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 3);
        finish(3, false);
        loop.wake(); // a marker: if the ten wakes had made more than one pass, it would not be number 4
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() >= 4);
        assertThat(started.get()).isEqualTo(4);
    }

    @Test
    void aPassWithMoreToDoIsFollowedByAnotherAtOnce() {
        loop.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 2);

        finish(2, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 3);
        finish(3, false);
        loop.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() >= 4);
        assertThat(started.get()).as("one pass for 'more', then the marker").isEqualTo(4);
    }

    @Test
    void aFailedPassLeavesTheLoopAwake() {
        loop.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 2);

        passes.get(1).fail(new IllegalStateException("database hiccup"));
        loop.wake();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 3);
    }

    @Test
    void afterStopNothingWakesIt() throws Exception {
        loop.stop();
        loop.wake();
        notifyChannel();
        // a second loop on the same channel is the marker: once it has seen the NOTIFY, the stopped one had its chance
        AtomicInteger other = new AtomicInteger();
        WakeableLoop marker = WakeableLoop.start("marker", notifications(), CHANNEL, Duration.ofHours(1), () -> {
            other.incrementAndGet();
            return Uni.createFrom().item(false);
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> other.get() == 1);
            notifyChannel();
            await().atMost(Duration.ofSeconds(5)).until(() -> other.get() == 2);
            assertThat(started.get()).isEqualTo(1);
        } finally {
            marker.stop();
        }
    }

    /** LISTEN connections to the test database, as the role a service would use, on this test's Vert.x. */
    private PgNotifications notifications() {
        PgNotifications notifications = new PgNotifications();
        notifications.vertx = vertx;
        notifications.url = "postgresql://" + postgres.host() + ":" + postgres.port() + "/" + DATABASE;
        notifications.username = Optional.of(ROLE);
        notifications.password = Optional.of(ROLE);
        return notifications;
    }

    private void finish(int pass, boolean more) {
        passes.get(pass - 1).complete(more);
    }

    private static void notifyChannel() throws Exception {
        try (Connection c = postgres.connect(DATABASE); Statement st = c.createStatement()) {
            st.execute("NOTIFY " + CHANNEL);
        }
    }
}
