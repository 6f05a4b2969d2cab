package com.truffle.ashby.adapter.in.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.application.port.in.TrackPartnerKeyUseCase;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.platform.inbox.CloudEvent;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * truffle.keys.v1 (key-service): a revoked partner key means Ashby can no longer call us, which the card must say.
 * The key id is read from {@code key_id} (or {@code id}); other key events need nothing from the connector
 * (suspension follows the plan, which the card already reflects). Idempotent on ce_id.
 */
@ApplicationScoped
public class KeyEventConsumer {

    static final String CONSUMER = "ashby-connector.keys";
    private static final Logger LOG = Logger.getLogger(KeyEventConsumer.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyEvent(String keyId, String id, String companyId) {
    }

    /** Key {@code keyId} of {@code companyId} (a key-service id). */
    record KeyRef(CompanyId companyId, String keyId) {
    }

    @Inject
    ReliableInbox inbox;
    @Inject
    TrackPartnerKeyUseCase partnerKeys;
    @Inject
    ObjectMapper mapper;

    @Incoming("key-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.take(CONSUMER, record, this::handle);
    }

    Uni<Void> handle(CloudEvent event) {
        if (!"KeyRevoked".equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        Optional<KeyRef> key = decode(event.data(), mapper);
        if (key.isEmpty()) {
            LOG.warnf("%s: skipping unreadable %s %s", CONSUMER, event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        return partnerKeys.keyRevoked(key.get().companyId(), key.get().keyId());
    }

    static Optional<KeyRef> decode(String json, ObjectMapper mapper) {
        try {
            KeyEvent e = mapper.readValue(json, KeyEvent.class);
            String id = e.keyId() != null ? e.keyId() : e.id();
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(new KeyRef(new CompanyId(e.companyId()), id));
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
