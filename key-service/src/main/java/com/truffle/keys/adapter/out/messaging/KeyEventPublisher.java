package com.truffle.keys.adapter.out.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.keys.application.port.out.PublishKeyEventPort;
import com.truffle.keys.application.port.in.VerificationRecord;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.outbox.Outbox;
import com.truffle.platform.outbox.OutboxEvent;
import com.truffle.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;

/**
 * Two messages per change, through the outbox: the event on truffle.keys.v1, and the key's current
 * verification record on the compacted truffle.keys.state.v1 (signed; REVOKED once revoked), both keyed by key id
 * so they stay in order. Neither ever carries the secret; the state record carries its peppered hash.
 */
@ApplicationScoped
class KeyEventPublisher implements PublishKeyEventPort {

    static final String EVENTS = "truffle.keys.v1";
    static final String STATE = "truffle.keys.state.v1";

    /** How long an admin's answer may wait for its key-state record to reach Kafka. */
    static final Duration FLUSH_AT_MOST = Duration.ofMillis(500);

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    KeyStateSignature signature;

    @Override
    public Uni<Void> publish(KeyEvent event) {
        ApiKey key = event.key();
        String id = key.id().toString();
        OutboxEvent happened = OutboxEvent.of(EVENTS, id, event.type().name(), KeyEventPayload.of(event), event.occurredAt());
        // a revoked key's record stays (REVOKED): a tombstone would be compacted away, and a replay of an older
        // ACTIVE record (after a repartition, say) would then have nothing to lose against
        OutboxEvent state = OutboxEvent.of(STATE, id, "KeyState", VerificationRecord.of(key, signature), event.occurredAt());
        return outbox.append(happened).chain(() -> outbox.append(state));
    }

    @Override
    public Uni<Void> flush() {
        return relay.publishNow(FLUSH_AT_MOST);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyEventPayload(String keyId, String companyId, String kind, String permission, String name, String prefix,
            String last4, String status, long version, String actor, String requestId, Instant occurredAt) {

        static KeyEventPayload of(KeyEvent e) {
            ApiKey k = e.key();
            return new KeyEventPayload(k.id().toString(), k.companyId().value(), k.kind().name(), k.permission().name(), k.name(),
                    k.prefix(), k.last4(), k.status().name(), k.version(), e.actor(), e.requestId(), e.occurredAt());
        }
    }

}
