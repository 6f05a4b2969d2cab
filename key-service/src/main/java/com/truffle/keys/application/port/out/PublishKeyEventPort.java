package com.truffle.keys.application.port.out;

import com.truffle.keys.domain.KeyEvent;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a key event and the key's new verification record (tombstone once revoked), in the caller's
 * transaction (outbox).
 */
public interface PublishKeyEventPort {

    Uni<Void> publish(KeyEvent event);
}
