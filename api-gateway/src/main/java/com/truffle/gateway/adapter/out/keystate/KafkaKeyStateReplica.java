package com.truffle.gateway.adapter.out.keystate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.KeyStatePort;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.KeyReplica;
import com.truffle.gateway.domain.key.SecretHash;
import com.truffle.platform.apikeys.KeyStateSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The replica of {@code truffle.keys.state.v1}, fed by one plain {@link KafkaConsumer} on its own thread.
 *
 * <p>Why not a consumer group (SmallRye Reactive Messaging): every gateway replica must see every record of every
 * partition (DESIGN §8), and must read the compacted topic from its beginning at every start, since the state
 * lives only in memory. A group would split partitions between replicas and resume from committed offsets —
 * the opposite. So: {@code assign} all partitions, {@code seekToBeginning}, no group id, no commits. The end
 * offsets read at boot are the readiness bar: the gateway is ready once it has read that far (every key that
 * existed when it started). The thread only blocks in {@code poll}, never on the event loop.
 */
@ApplicationScoped
public class KafkaKeyStateReplica implements KeyStatePort {

    private static final Logger LOG = Logger.getLogger(KafkaKeyStateReplica.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KeyReplica replica = new KeyReplica();
    private final KeyStateSettings settings;
    private final KeyStateSignature signature;
    private final Counter unsigned;
    private final Timer lag;
    private volatile boolean caughtUp;
    /** When (nanoTime) the replica last held everything the topic had: the end offsets asked then were reached. */
    private volatile long freshAt;
    /** The topic's partition count changed since this replica first read it: records may have moved (see trusted()). */
    private volatile boolean repartitioned;
    private int firstPartitionCount = -1; // the consumer thread's
    private final long maxStalenessNanos;
    private final long partitionCheckNanos;
    private final long freshnessCheckNanos;
    /** Counted down once at shutdown: ends the loops, and cuts any reconnect pause short. */
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile long recordsApplied;
    private volatile String lastError;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    @Inject
    public KafkaKeyStateReplica(KeyStateSettings settings, KeyStateSignature signature, MeterRegistry registry) {
        this.settings = settings;
        this.signature = signature;
        this.maxStalenessNanos = settings.maxStaleness().toNanos();
        this.partitionCheckNanos = settings.partitionCheck().toNanos();
        // ask the broker for its end offsets a few times per staleness bound (one ListOffsets request each)
        this.freshnessCheckNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(100), Math.min(maxStalenessNanos / 4,
                TimeUnit.SECONDS.toNanos(1)));
        this.unsigned = Counter.builder("truffle.gateway.replica.unsigned")
                .description("Key-state records ignored because key-service did not sign them").register(registry);
        Gauge.builder("truffle.gateway.replica.keys", replica, KeyReplica::size)
                .description("Keys in the gateway's key-state replica").register(registry);
        // how long a key change took from key-service's write to this replica (after boot: the propagation delay)
        this.lag = Timer.builder("truffle.gateway.replica.lag")
                .description("Key-state record timestamp to applied in the replica, once caught up")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(10))
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "key-state-replica");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopSignal.countDown();
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public KeyRecord findByHash(SecretHash hash) {
        return replica.find(hash);
    }

    @Override
    public boolean isRetired(SecretHash hash) {
        return replica.isRetired(hash);
    }

    @Override
    public KeyReplica.Outcome admitConfirmed(KeyRecord record) {
        return replica.offer(record);
    }

    @Override
    public void revoke(String keyId) {
        replica.revoke(keyId);
    }

    /** Whether everything on the topic at boot has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public boolean trusted() {
        return caughtUp && !repartitioned && System.nanoTime() - freshAt <= maxStalenessNanos;
    }

    /** How long ago the replica last knew it had everything (ms), for readiness and diagnostics. */
    public long freshMillisAgo() {
        return caughtUp ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freshAt) : -1;
    }

    public boolean repartitioned() {
        return repartitioned;
    }

    public int keys() {
        return replica.size();
    }

    public long recordsApplied() {
        return recordsApplied;
    }

    public String lastError() {
        return lastError;
    }

    /** For tests and diagnostics: whether a tombstone for this key id has been applied. */
    public boolean isRevoked(String keyId) {
        return replica.isRevoked(keyId);
    }

    private void run() {
        long t0 = System.nanoTime();
        while (!stopping()) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties(), new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                consume(c, t0);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.warnf("key-state replica: %s; reconnecting", e.toString());
                pause(1_000);
            } finally {
                consumer = null;
            }
        }
    }

    private void consume(KafkaConsumer<String, String> c, long t0) {
        List<TopicPartition> assigned = new ArrayList<>();
        Map<TopicPartition, Long> bootEnd = new HashMap<>();
        long nextRefresh = 0;
        long nextFreshnessCheck = 0;
        Map<TopicPartition, Long> target = null; // end offsets asked at targetAt, to be reached
        long targetAt = 0;
        while (!stopping()) {
            if (assigned.isEmpty() || System.nanoTime() - nextRefresh > 0) {
                List<TopicPartition> partitions = partitions(c);
                noticeRepartition(partitions.size());
                if (partitions.size() > assigned.size()) {
                    List<TopicPartition> added = new ArrayList<>(partitions);
                    added.removeAll(assigned);
                    assigned = partitions;
                    c.assign(assigned);
                    c.seekToBeginning(added);
                    if (!caughtUp) {
                        bootEnd.putAll(c.endOffsets(added));
                    }
                }
                nextRefresh = System.nanoTime() + partitionCheckNanos;
                if (assigned.isEmpty()) {
                    lastError = "topic " + settings.topic() + " not found";
                    pause(500);
                    continue;
                }
            }
            for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                apply(r);
            }
            if (!caughtUp && reached(c, bootEnd)) {
                freshAt = System.nanoTime();
                caughtUp = true;
                lastError = null;
                LOG.infof("key-state replica caught up: %d keys from %d records in %d ms", replica.size(), recordsApplied,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }
            if (!caughtUp) {
                continue;
            }
            // freshness: the broker's end offsets, asked at some moment, are reached -> the replica had it all then
            if (target != null && reached(c, target)) {
                freshAt = targetAt;
                target = null;
            }
            long now = System.nanoTime();
            if (target == null && now - nextFreshnessCheck >= 0) {
                nextFreshnessCheck = now + freshnessCheckNanos;
                try {
                    target = c.endOffsets(assigned, Duration.ofNanos(Math.max(freshnessCheckNanos, TimeUnit.MILLISECONDS.toNanos(500))));
                    targetAt = now;
                    if (reached(c, target)) {
                        freshAt = targetAt;
                        target = null;
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    target = null; // the broker is not answering: the replica ages until it does
                    lastError = "broker not answering at " + settings.bootstrapServers();
                }
            }
        }
    }

    /** A partition count that changes under the replica means records may have moved partitions: it stops trusting itself. */
    private void noticeRepartition(int partitions) {
        if (partitions == 0) {
            return;
        }
        if (firstPartitionCount < 0) {
            firstPartitionCount = partitions;
        } else if (partitions != firstPartitionCount && !repartitioned) {
            repartitioned = true;
            LOG.errorf("the key-state topic %s went from %d to %d partitions under this replica: records of a key may now be on two "
                    + "partitions in no particular order; every key is confirmed with key-service until the gateway restarts",
                    settings.topic(), firstPartitionCount, partitions);
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        recordsApplied++;
        if (caughtUp && r.timestamp() > 0) {
            lag.record(Math.max(0, System.currentTimeMillis() - r.timestamp()), TimeUnit.MILLISECONDS);
        }
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            replica.revoke(r.key());
            return;
        }
        try {
            Map<String, Object> fields = new JsonObject(r.value()).getMap();
            if (!signature.verify(fields)) {
                // a record key-service did not sign (a forged one, from a leaked producer credential): never taken
                unsigned.increment();
                LOG.warnf("key-state record at %s-%d@%d (key %s) is not signed by key-service; ignored", r.topic(), r.partition(),
                        r.offset(), r.key());
                return;
            }
            KeyRecord record = KeyRecord.fromContract(fields);
            if (!record.keyId().equals(r.key())) {
                LOG.warnf("key-state record at %s-%d@%d: key %s does not match key_id; ignored", r.topic(), r.partition(),
                        r.offset(), r.key());
                return;
            }
            replica.offer(record);
        } catch (RuntimeException e) {
            // never log the value: it carries a secret hash
            LOG.warnf("unreadable key-state record at %s-%d@%d (key %s): %s; ignored", r.topic(), r.partition(), r.offset(),
                    r.key(), e.getMessage());
        }
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> bootEnd) {
        if (bootEnd.isEmpty()) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> e : bootEnd.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<PartitionInfo> infos;
        try {
            infos = c.partitionsFor(settings.topic(), Duration.ofSeconds(5));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            lastError = "broker not reachable at " + settings.bootstrapServers();
            return List.of();
        }
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) {
            infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
        }
        out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return out;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.putAll(settings.login());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "api-gateway-key-replica-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a revocation must arrive as soon as it is written, not when a batch fills up
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // partitionsFor answers from the client's metadata: refreshed this often, a repartition shows within the check
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, String.valueOf(Math.max(100, TimeUnit.NANOSECONDS.toMillis(partitionCheckNanos))));
        return p;
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }

    /** Waits before the next attempt to reach Kafka, or until shutdown, whichever comes first. */
    private void pause(long millis) {
        try {
            stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
