package com.truffle.keys.domain;

import java.time.Instant;

/** One line of a key's history: what was done, by whom, in which request, when. */
public record KeyAuditEntry(KeyId keyId, CompanyId companyId, String action, String actor, String requestId, Instant at) {

    public static KeyAuditEntry of(KeyEvent event) {
        return new KeyAuditEntry(event.key().id(), event.key().companyId(), event.type().name(), event.actor(),
                event.requestId(), event.occurredAt());
    }
}
