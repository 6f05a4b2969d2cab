package com.truffle.platform.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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
 * A Kafka outage leaves the rows in place and the relay retries: nothing is lost.
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

    private Uni<Integer> publishBatch(SqlConnection conn) {
        return conn.preparedQuery("select id, event_id, topic, event_key, event_type, subject, payload, occurred_at "
                + "from outbox_event order by id limit $1").execute(Tuple.of(batchSize))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = new ArrayList<>(rows.size());
                    List<Long> ids = new ArrayList<>(rows.size());
                    // sent in id order on one producer: Kafka keeps that order per partition (idempotent producer)
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(emitter.sendMessage(toMessage(row)));
                    }
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> conn.preparedQuery("delete from outbox_event where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(new Long[0]))))
                            .invoke(() -> LOG.debugf("outbox: published %d event(s), last id %d", ids.size(), ids.get(ids.size() - 1)))
                            .map(deleted -> ids.size());
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
