package com.truffle.keys.application.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.out.KeyAuditPort;
import com.truffle.keys.application.port.out.PublishKeyEventPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Every change of a key leaves an audit line and an event (with the new verification record), in the same transaction. */
@ApplicationScoped
class KeyChanges {

    @Inject
    KeyAuditPort audit;
    @Inject
    PublishKeyEventPort events;
    @Inject
    Clock clock;

    Uni<Void> record(KeyEvent.Type type, ApiKey key, Actor actor) {
        KeyEvent event = new KeyEvent(type, key.snapshot(), actor.principal(), actor.requestId(), clock.instant());
        return audit.record(KeyAuditEntry.of(event)).chain(() -> events.publish(event));
    }

    /** {@code change} in its own transaction; once committed, its key-state record is sent at once (bounded). */
    <T> Uni<T> committedAndSent(java.util.function.Supplier<Uni<T>> change) {
        return Panache.withTransaction(change).call(events::flush);
    }
}
