package com.truffle.keys.application.service;

import static com.truffle.keys.application.service.InMemoryPorts.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.CreateKeyUseCase.CreateKeyCommand;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;

/** The gateway's usage reports arrive late and out of order: a key's "last used" only ever moves forward. */
class RecordKeyUsageServiceTest {

    static final CompanyId ACME = new CompanyId("acme");

    InMemoryPorts ports;
    RecordKeyUsageService service;
    KeyWithSecret key;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        ports.entitle(ACME, "PAID", "APPROVED");
        key = ports.createKey(25).create(new CreateKeyCommand(ACME, "used", null, Permission.READ, new Actor("user:alice", "r")))
                .await().indefinitely();
        service = new RecordKeyUsageService();
        service.save = ports;
    }

    @Test
    void lastUsedMovesForwardOnlyAndAnUnknownKeyChangesNothing() {
        assertThat(ports.keys.get(key.key().id()).lastUsedAt()).isNull();
        service.record(key.key().id(), NOW.plusSeconds(60)).await().indefinitely();
        service.record(key.key().id(), NOW.plusSeconds(10)).await().indefinitely(); // a late, older report
        assertThat(ports.keys.get(key.key().id()).lastUsedAt()).isEqualTo(NOW.plusSeconds(60));

        service.record(KeyId.random(), NOW).await().indefinitely();
        assertThat(ports.keys).hasSize(1);
    }
}
