package com.truffle.gateway.adapter.out.usage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.PublishKeyUsagePort;
import com.truffle.gateway.domain.usage.KeyUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code KeyUsed} on {@code truffle.gateway.usage.v1}, keyed by key id, JSON in CloudEvents binary mode (the
 * {@code ce_*} headers the services' SmallRye producers write). A plain producer: the gateway has no outbox (it
 * owns nothing durable), and usage that fails to publish goes back into the tally for the next round.
 */
@ApplicationScoped
public class KafkaKeyUsagePublisher implements PublishKeyUsagePort {

    static final String TYPE = "KeyUsed";
    static final String SOURCE = "urn:truffle:api-gateway";

    private final UsagePublisherSettings settings;
    private volatile KafkaProducer<String, String> producer;

    @Inject
    public KafkaKeyUsagePublisher(UsagePublisherSettings settings) {
        this.settings = settings;
    }

    @Override
    public Uni<Void> publish(List<KeyUsage> usage) {
        return Uni.createFrom().deferred(() -> {
            KafkaProducer<String, String> p = producer();
            List<CompletableFuture<Void>> acks = new ArrayList<>(usage.size());
            for (KeyUsage u : usage) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                p.send(record(u), (metadata, error) -> {
                    if (error != null) {
                        ack.completeExceptionally(error);
                    } else {
                        ack.complete(null);
                    }
                });
                acks.add(ack);
            }
            return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
        });
    }

    static String payload(KeyUsage u) {
        return new JsonObject()
                .put("key_id", u.keyId())
                .put("company_id", u.companyId())
                .put("count", u.count())
                .put("first_at", u.firstAt().toString())
                .put("last_at", u.lastAt().toString())
                .encode();
    }

    private ProducerRecord<String, String> record(KeyUsage u) {
        ProducerRecord<String, String> r = new ProducerRecord<>(settings.topic(), u.keyId(), payload(u));
        header(r, "ce_specversion", "1.0");
        header(r, "ce_id", UUID.randomUUID().toString());
        header(r, "ce_type", TYPE);
        header(r, "ce_source", SOURCE);
        header(r, "ce_time", Instant.now().toString());
        header(r, "ce_subject", u.keyId());
        header(r, "content-type", "application/json");
        return r;
    }

    private static void header(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
                    props.putAll(settings.login());
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-gateway-usage");
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    // a broker outage must not stall the reporting thread for long: the counts wait in the tally
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
                    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(5));
        }
    }
}
