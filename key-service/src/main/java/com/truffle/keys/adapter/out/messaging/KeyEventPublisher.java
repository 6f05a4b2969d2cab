package com.truffle.keys.adapter.out.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.keys.application.port.out.PublishKeyEventPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.platform.outbox.Outbox;
import com.truffle.platform.outbox.OutboxEvent;
import io.smallrye.mutiny.Uni;

/**
 * Two messages per change, through the outbox: the event on truffle.keys.v1, and the key's current
 * verification record on the compacted truffle.keys.state.v1 (a tombstone once revoked), both keyed by key id
 * so they stay in order. Neither ever carries the secret; the state record carries its peppered hash.
 */
@ApplicationScoped
class KeyEventPublisher implements PublishKeyEventPort {

    static final String EVENTS = "truffle.keys.v1";
    static final String STATE = "truffle.keys.state.v1";

    @Inject
    Outbox outbox;

    @Override
    public Uni<Void> publish(KeyEvent event) {
        ApiKey key = event.key();
        String id = key.id().toString();
        OutboxEvent happened = OutboxEvent.of(EVENTS, id, event.type().name(), KeyEventPayload.of(event), event.occurredAt());
        OutboxEvent state = key.status() == KeyStatus.REVOKED
                ? OutboxEvent.tombstone(STATE, id, "KeyState", event.occurredAt())
                : OutboxEvent.of(STATE, id, "KeyState", KeyStatePayload.of(key), event.occurredAt());
        return outbox.append(happened).chain(() -> outbox.append(state));
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

    /** What the gateway needs to verify a key, and nothing more. */
    record KeyStatePayload(String keyId, String companyId, String kind, String permission, String secretHash, String status,
            long version, Instant updatedAt) {

        static KeyStatePayload of(ApiKey k) {
            return new KeyStatePayload(k.id().toString(), k.companyId().value(), k.kind().name(), k.permission().name(),
                    k.secretHash(), k.status().name(), k.version(), k.updatedAt());
        }

        @Override
        public String toString() {
            return "KeyStatePayload[keyId=" + keyId + ", status=" + status + ", version=" + version + ", secretHash=<redacted>]";
        }
    }
}
