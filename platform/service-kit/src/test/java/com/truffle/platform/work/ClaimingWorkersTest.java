package com.truffle.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.platform.testing.TestInfrastructure;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The delivery workers over a real queue table on PostgreSQL: a committed insert NOTIFYs them, they claim what is due
 * within their capacity, call each receiver on its own context (a slow one holds up no other), claim again whenever a
 * call ends, and on stop let the calls in flight end within the grace. The receiver is the test: each call waits
 * until the test answers it. Polling is once an hour, so every claim here comes from a NOTIFY or a call ending.
 */
class ClaimingWorkersTest {

    static final String DATABASE = "truffle_kit_test";
    static final String ROLE = "truffle_kit";
    static final String CHANNEL = "kit_delivery";
    static final Duration WAIT = Duration.ofSeconds(10);
    static DatabaseBootstrap postgres;

    Vertx vertx;
    Pool pool;
    final List<ClaimingWorkers<Integer>> started = new ArrayList<>();
    final List<Deliveries> works = new ArrayList<>();

    @BeforeAll
    static void queue() throws SQLException {
        postgres = TestInfrastructure.postgres();
        postgres.ensure(ROLE, ROLE, DATABASE);
        sql("drop table if exists kit_delivery",
                "drop function if exists kit_delivery_notify()",
                "create table kit_delivery (id int primary key, state text not null default 'due', calls int not null default 0)",
                "create function kit_delivery_notify() returns trigger language plpgsql as $$ begin perform pg_notify('"
                        + CHANNEL + "', ''); return null; end $$",
                "create trigger kit_delivery_notify after insert on kit_delivery for each statement execute function kit_delivery_notify()",
                "alter table kit_delivery owner to " + ROLE);
    }

    @BeforeEach
    void start() throws SQLException {
        sql("truncate kit_delivery");
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(new PgConnectOptions().setHost(postgres.host())
                .setPort(postgres.port()).setDatabase(DATABASE).setUser(ROLE).setPassword(ROLE)).using(vertx).build();
    }

    @AfterEach
    void stop() {
        works.forEach(Deliveries::answerAll);
        started.forEach(w -> w.stop(Duration.ofSeconds(5)));
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void everyDueItemIsDeliveredOnceNeverMoreAtATimeThanTheCapacity() throws SQLException {
        Deliveries work = new Deliveries(2, false);
        workers(work);

        sql("insert into kit_delivery (id) select generate_series(1, 5)"); // one statement: one NOTIFY
        await().atMost(WAIT).until(() -> work.calls.size() == 2);
        assertThat(work.calls).as("the capacity is taken, no more").hasSize(2);

        // the second call ends first: the next item starts while the first call is still waiting for its receiver
        int slow = work.calls.get(0);
        work.answer(work.calls.get(1));
        await().atMost(WAIT).until(() -> work.calls.size() == 3);
        assertThat(work.answered(slow)).isFalse();

        // each call that ends makes room for the next (nothing else wakes the workers here)
        work.answer(slow);
        await().atMost(WAIT).until(() -> work.calls.size() == 4);
        work.answer(work.calls.get(2));
        await().atMost(WAIT).until(() -> work.calls.size() == 5);
        work.answer(work.calls.get(3));
        work.answer(work.calls.get(4));

        await().atMost(WAIT).until(() -> count("state = 'delivered'") == 5);
        assertThat(work.calls).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(count("calls = 1")).as("each once").isEqualTo(5);
        assertThat(work.mostAtOnce).hasValue(2);
    }

    @Test
    void aDeliveryThatFailsStopsNothingElse() throws SQLException {
        Deliveries work = new Deliveries(2, false);
        work.failing = Set.of(1);
        workers(work);

        sql("insert into kit_delivery (id) values (1), (2)");
        await().atMost(WAIT).until(() -> work.calls.size() == 2);
        work.answer(2);
        await().atMost(WAIT).until(() -> count("state = 'delivered'") == 1);

        sql("insert into kit_delivery (id) values (3)");
        await().atMost(WAIT).until(() -> work.calls.contains(3));
        work.answer(3);
        await().atMost(WAIT).until(() -> count("state = 'delivered'") == 2);
        assertThat(state(1)).as("left leased: taken over when its lease expires").isEqualTo("leased");
    }

    @Test
    void stopLetsTheCallsInFlightEndWithinTheGrace() throws Exception {
        Deliveries work = new Deliveries(2, false);
        ClaimingWorkers<Integer> workers = workers(work);
        sql("insert into kit_delivery (id) values (1)");
        await().atMost(WAIT).until(() -> work.calls.size() == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> workers.stop(Duration.ofSeconds(20)));
        // still waiting for the call in flight, for as long as it has not ended
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !stopping.isDone());

        work.answer(1);
        stopping.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(state(1)).isEqualTo("delivered");
    }

    @Test
    void afterStopItClaimsNothingAndAStuckCallIsLeftToItsLease() throws Exception {
        Deliveries work = new Deliveries(2, false);
        ClaimingWorkers<Integer> workers = workers(work);
        sql("insert into kit_delivery (id) values (1)");
        await().atMost(WAIT).until(() -> work.calls.size() == 1);

        long start = System.nanoTime();
        workers.stop(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("the grace, not the receiver's time").isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        int claimsAtStop = work.claims.get();

        workers.wake();
        sql("insert into kit_delivery (id) values (2)");
        // another process's workers on the same queue are the marker: once they have item 2, the stopped ones had their chance
        Deliveries other = new Deliveries(2, true);
        workers(other);
        await().atMost(WAIT).until(() -> "delivered".equals(state(2)));

        assertThat(work.calls).containsExactly(1);
        assertThat(work.claims).hasValue(claimsAtStop);
    }

    private ClaimingWorkers<Integer> workers(Deliveries work) {
        PgNotifications notifications = new PgNotifications();
        notifications.vertx = vertx;
        notifications.url = "postgresql://" + postgres.host() + ":" + postgres.port() + "/" + DATABASE;
        notifications.username = Optional.of(ROLE);
        notifications.password = Optional.of(ROLE);
        int before = work.claims.get();
        ClaimingWorkers<Integer> workers = ClaimingWorkers.start("kit", notifications, CHANNEL, Duration.ofHours(1), work,
                id -> "item " + id);
        started.add(workers);
        works.add(work);
        // LISTEN is connected once its first claim has run: a NOTIFY from now on reaches it
        await().atMost(WAIT).until(() -> work.claims.get() > before);
        return workers;
    }

    /** The delivering use case over the queue table; each receiver call waits for the test's answer. */
    final class Deliveries implements ClaimingWorkers.Work<Integer> {

        final InFlight<String> inFlight;
        final boolean answerAtOnce;
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger atOnce = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<Integer> calls = new CopyOnWriteArrayList<>();
        final Map<Integer, CompletableFuture<Void>> answers = new ConcurrentHashMap<>();
        volatile Set<Integer> failing = Set.of();

        Deliveries(int capacity, boolean answerAtOnce) {
            this.inFlight = new InFlight<>(capacity);
            this.answerAtOnce = answerAtOnce;
        }

        @Override
        public Uni<List<Integer>> claimDue() {
            claims.incrementAndGet();
            int room = inFlight.room();
            if (room <= 0) {
                return Uni.createFrom().item(List.of());
            }
            return pool.preparedQuery("update kit_delivery set state = 'leased' where id in (select id from kit_delivery"
                    + " where state = 'due' order by id limit $1 for update skip locked) returning id")
                    .execute(Tuple.of(room))
                    .map(rows -> {
                        List<Integer> ids = new ArrayList<>();
                        for (Row row : rows) {
                            ids.add(row.getInteger("id"));
                            inFlight.take("acme");
                        }
                        return ids;
                    });
        }

        @Override
        public Uni<Void> deliver(Integer id) {
            calls.add(id);
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            if (failing.contains(id)) {
                atOnce.decrementAndGet();
                inFlight.release("acme");
                return Uni.createFrom().failure(new IllegalStateException("recording the outcome of " + id + " failed"));
            }
            CompletableFuture<Void> answer = answers.computeIfAbsent(id, k -> new CompletableFuture<>());
            if (answerAtOnce) {
                answer.complete(null);
            }
            return Uni.createFrom().completionStage(answer)
                    .chain(() -> pool.preparedQuery("update kit_delivery set state = 'delivered', calls = calls + 1 where id = $1")
                            .execute(Tuple.of(id)))
                    .replaceWithVoid()
                    .eventually(() -> {
                        atOnce.decrementAndGet();
                        inFlight.release("acme");
                    });
        }

        @Override
        public int inFlight() {
            return inFlight.total();
        }

        void answer(int id) {
            answers.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(null);
        }

        boolean answered(int id) {
            CompletableFuture<Void> answer = answers.get(id);
            return answer != null && answer.isDone();
        }

        void answerAll() {
            answers.values().forEach(a -> a.complete(null));
        }
    }

    private static long count(String where) throws SQLException {
        try (Connection c = postgres.connect(DATABASE); Statement st = c.createStatement();
                var rs = st.executeQuery("select count(*) from kit_delivery where " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String state(int id) throws SQLException {
        try (Connection c = postgres.connect(DATABASE); Statement st = c.createStatement();
                var rs = st.executeQuery("select state from kit_delivery where id = " + id)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = postgres.connect(DATABASE); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
