package com.truffle.keys.adapter.in.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.keys.application.port.in.RecordKeyUsageUseCase;
import com.truffle.keys.domain.KeyId;
import com.truffle.platform.inbox.CloudEvent;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The gateway's usage aggregates (KeyUsed on truffle.gateway.usage.v1): one small write per key per batch,
 * never one per request. Applying one twice is harmless (last_used_at only moves forward), so these are not
 * recorded in the inbox.
 */
@ApplicationScoped
public class UsageEventConsumer {

    private static final Logger LOG = Logger.getLogger(UsageEventConsumer.class);

    @Inject
    RecordKeyUsageUseCase recordUsage;
    @Inject
    ObjectMapper mapper;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyUsedData(String keyId, Instant lastAt) {
    }

    @Incoming("usage-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        CloudEvent event = CloudEvent.of(record);
        if (!event.isEvent() || !"KeyUsed".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        KeyUsedData data;
        try {
            data = mapper.readValue(event.data(), KeyUsedData.class);
            return recordUsage.record(new KeyId(UUID.fromString(data.keyId())), data.lastAt());
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            LOG.warnf("ignoring a malformed KeyUsed event %s", event.id());
            return Uni.createFrom().voidItem();
        }
    }
}
