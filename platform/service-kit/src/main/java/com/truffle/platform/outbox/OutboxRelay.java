package com.truffle.platform.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.truffle.platform.work.PgNotifications;
import com.truffle.platform.work.WakeableLoop;

/**
 * The read half of the transactional outbox: publishes committed events to Kafka in commit order
 * (CloudEvents binary mode: ce_id, ce_type, ce_source, ce_time, ce_subject headers), then deletes them.
 *
 * It wakes on PostgreSQL NOTIFY (a trigger on insert fires at commit), so an event leaves within
 * milliseconds, and also polls as a safety net. One relay per database publishes at a time
 * (transaction-scoped advisory lock), which keeps per-aggregate order across replicas.
 * A Kafka outage leaves the rows in place and the relay retries: nothing is lost. A record Kafka refuses for good (one
 * over its size limit) holds back only its own aggregate's later events, never the others'.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x7275_6666_6c65L; // "truffle", any constant shared by the replicas

    @Inject
    Pool pool;

    @Inject
    PgNotifications notifications;

    @Inject
    @Channel("truffle-outbox")
    MutinyEmitter<Object> emitter;

    @ConfigProperty(name = "truffle.outbox.source")
    String source;

    @ConfigProperty(name = "truffle.outbox.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    @ConfigProperty(name = "truffle.outbox.batch-size", defaultValue = "200")
    int batchSize;

    private WakeableLoop loop;

    void start(@Observes StartupEvent ev) {
        loop = WakeableLoop.start("outbox", notifications, "truffle_outbox", pollInterval,
                () -> drainOnce().map(published -> published >= batchSize));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Drains the outbox now (coalesces concurrent calls). */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    /**
     * Publishes what is committed now, waiting (at most {@code atMost}) for a relay that is publishing already (the
     * advisory lock), and
     * completes when it is on Kafka — or after {@code atMost}, or on a failure, silently: the loop still publishes it,
     * the outbox stays the guarantee. For a write whose effect must be everywhere as soon as its caller hears "done"
     * (a revoked key): called after the commit, before the answer.
     */
    public Uni<Void> publishNow(Duration atMost) {
        // the wait for the lock is bounded by atMost too: while the broker is down a relay holds the lock (and its
        // connection) until Kafka's delivery timeout; callers queueing behind it must not take the pool with them
        return pool.withTransaction(conn -> conn.query("set local lock_timeout = " + Math.max(1, atMost.toMillis())).execute()
                        .chain(() -> conn.query("select pg_advisory_xact_lock(" + LOCK_ID + ")").execute())
                        .chain(rs -> publishBatch(conn)))
                .replaceWithVoid()
                .ifNoItem().after(atMost).recoverWithItem((Void) null)
                .onFailure().invoke(e -> LOG.debugf("outbox: publishing now failed (%s); the relay loop retries", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Publishes one batch; returns how many events left. */
    Uni<Integer> drainOnce() {
        return pool.withTransaction(conn -> conn.query("select pg_try_advisory_xact_lock(" + LOCK_ID + ")").execute()
                .chain(rs -> rs.iterator().next().getBoolean(0) ? publishBatch(conn) : Uni.createFrom().item(0)));
    }

    /**
     * One chain per aggregate (event key), in id order: a record is sent once the one before it of its aggregate is on
     * Kafka. A record Kafka refuses stops only its own aggregate: its later records stay behind it, in order, and are
     * never sent ahead of it (no reordering, no repeat); every other aggregate's records leave. What was sent is
     * deleted; when nothing could be sent the batch fails and the loop tries again.
     */
    private Uni<Integer> publishBatch(SqlConnection conn) {
        return conn.preparedQuery("select id, event_id, topic, event_key, event_type, subject, payload, occurred_at "
                + "from outbox_event order by id limit $1").execute(Tuple.of(batchSize))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    Map<String, List<Row>> byAggregate = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byAggregate.computeIfAbsent(row.getString("event_key"), k -> new ArrayList<>()).add(row);
                    }
                    Queue<Long> sent = new ConcurrentLinkedQueue<>();
                    AtomicReference<Throwable> refused = new AtomicReference<>();
                    AtomicInteger held = new AtomicInteger();
                    List<Uni<Void>> chains = new ArrayList<>(byAggregate.size());
                    for (List<Row> aggregate : byAggregate.values()) {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        AtomicInteger left = new AtomicInteger(aggregate.size());
                        for (Row row : aggregate) {
                            long id = row.getLong("id");
                            Message<Object> message = toMessage(row);
                            chain = chain.chain(() -> emitter.sendMessage(message)).invoke(() -> {
                                sent.add(id);
                                left.decrementAndGet();
                            });
                        }
                        chains.add(chain.onFailure().recoverWithUni(e -> {
                            refused.compareAndSet(null, e);
                            held.addAndGet(left.get());
                            return Uni.createFrom().voidItem();
                        }));
                    }
                    return Uni.join().all(chains).andFailFast().chain(() -> {
                        Throwable failure = refused.get();
                        if (sent.isEmpty()) {
                            return failure == null ? Uni.createFrom().item(0) : Uni.createFrom().failure(failure);
                        }
                        if (failure != null) {
                            // the values are never logged: a key-state record carries a secret hash
                            LOG.warnf("outbox: %d event(s) wait behind one Kafka refused (%s); %d others published",
                                    held.get(), failure.toString(), sent.size());
                        }
                        Long[] ids = sent.toArray(new Long[0]);
                        return conn.preparedQuery("delete from outbox_event where id = any($1)").execute(Tuple.of(ids))
                                .invoke(() -> LOG.debugf("outbox: published %d event(s)", ids.length))
                                .map(deleted -> ids.length);
                    });
                });
    }

    private Message<Object> toMessage(Row row) {
        String key = row.getString("event_key");
        String payload = row.getString("payload");
        String topic = row.getString("topic");
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(key).build();
        if (payload == null) {
            // a tombstone: no CloudEvent, just the key with a null value, so compaction drops the record
            return Message.<Object>of(Record.of(key, null)).addMetadata(kafka);
        }
        OffsetDateTime time = row.getOffsetDateTime("occurred_at");
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(row.getUUID("event_id").toString())
                .withType(row.getString("event_type"))
                .withSource(URI.create(source))
                .withSubject(row.getString("subject"))
                .withTimestamp(time.toZonedDateTime())
                .withDataContentType("application/json")
                .build();
        return Message.<Object>of(payload).addMetadata(kafka).addMetadata(ce);
    }
}
