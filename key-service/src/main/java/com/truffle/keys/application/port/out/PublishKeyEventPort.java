package com.truffle.keys.application.port.out;

import com.truffle.keys.domain.KeyEvent;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a key event and the key's new verification record (a REVOKED record once revoked), in the caller's
 * transaction (outbox).
 */
public interface PublishKeyEventPort {

    Uni<Void> publish(KeyEvent event);

    /**
     * After the commit: sends what was published now, so every gateway replica hears of the change about when the
     * admin does (bounded; on a failure the outbox still delivers it).
     */
    Uni<Void> flush();
}
