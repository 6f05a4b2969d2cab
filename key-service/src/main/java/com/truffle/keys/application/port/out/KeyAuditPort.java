package com.truffle.keys.application.port.out;

import java.util.List;

import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyId;
import io.smallrye.mutiny.Uni;

public interface KeyAuditPort {

    Uni<Void> record(KeyAuditEntry entry);

    Uni<List<KeyAuditEntry>> trail(KeyId keyId);
}
