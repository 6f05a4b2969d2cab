package com.truffle.gateway.adapter.out.kafka;

import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.EndedSessionsPort;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Sign-outs on {@code truffle.gateway.sessions.v1} ({@code {"session_id","expires_at"}}, keyed by session id):
 * the replica that signs a person out records it here and in its own memory at once; every replica reads the
 * topic from as far back as a session can live, and refuses those sessions until they would have expired.
 * Nothing but session ids (random, meaningless without the cookie) crosses the topic.
 */
@ApplicationScoped
public class KafkaEndedSessions implements EndedSessionsPort {

    private static final Logger LOG = Logger.getLogger(KafkaEndedSessions.class);

    private final EndedSessionsSettings settings;
    private final ConcurrentHashMap<String, Instant> ended = new ConcurrentHashMap<>();
    private final BroadcastTopicReader reader;
    private volatile KafkaProducer<String, String> producer;
    private volatile long nextPrune;

    @Inject
    public KafkaEndedSessions(EndedSessionsSettings settings) {
        this.settings = settings;
        this.reader = new BroadcastTopicReader("ended-sessions", settings.bootstrapServers(), settings.login(), settings.topic(),
                () -> System.currentTimeMillis() - settings.lookback().toMillis(), this::apply);
    }

    void start(@Observes StartupEvent event) {
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        reader.stop();
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(2));
        }
    }

    @Override
    public boolean hasEnded(String sessionId) {
        return !ended.isEmpty() && ended.containsKey(sessionId);
    }

    @Override
    public Uni<Void> end(String sessionId, Instant expiresAt) {
        ended.put(sessionId, expiresAt);
        String value = new JsonObject().put("session_id", sessionId).put("expires_at", expiresAt.toString()).encode();
        return Uni.createFrom().emitter(emitter -> producer().send(new ProducerRecord<>(settings.topic(), sessionId, value),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.warnf("could not broadcast a sign-out (%s); this replica refuses the session, others may not", error.toString());
                        emitter.fail(error);
                    } else {
                        emitter.complete(null);
                    }
                }));
    }

    /** Whether every sign-out written before this replica connected has been read. */
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    public String lastError() {
        return reader.lastError();
    }

    public int size() {
        return ended.size();
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.key() == null || r.value() == null) {
            return;
        }
        try {
            JsonObject v = new JsonObject(r.value());
            Instant expires = Instant.parse(v.getString("expires_at"));
            if (expires.isAfter(Instant.now())) {
                ended.put(r.key(), expires);
            }
        } catch (RuntimeException e) {
            LOG.warnf("unreadable sign-out at %s-%d@%d: %s; ignored", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
        prune();
    }

    private void prune() {
        long now = System.currentTimeMillis();
        if (now < nextPrune) {
            return;
        }
        nextPrune = now + 60_000;
        Instant t = Instant.ofEpochMilli(now);
        ended.values().removeIf(expires -> !expires.isAfter(t));
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                p = producer;
                if (p == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
                    props.putAll(settings.login());
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
                    producer = p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
            }
        }
        return p;
    }
}
