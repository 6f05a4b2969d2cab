package com.truffle.keys.application.service;

import static com.truffle.keys.application.service.InMemoryPorts.NOW;
import static com.truffle.keys.application.service.InMemoryPorts.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.ChangeKeyUseCase.KeyCommand;
import com.truffle.keys.application.port.in.ChangeKeyUseCase.UpdateKeyCommand;
import com.truffle.keys.application.port.in.CreateKeyUseCase.CreateKeyCommand;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyRuleViolation.Rule;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;

class QueryKeysServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CompanyId GLOBEX = new CompanyId("globex");
    static final Actor ALICE = new Actor("user:alice", "req-1");

    InMemoryPorts ports;
    QueryKeysService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.queryKeys();
        ports.entitle(ACME, "PAID", "APPROVED");
        ports.entitle(GLOBEX, "PAID", "APPROVED");
    }

    KeyWithSecret create(CompanyId company, String name) {
        return ports.createKey(25).create(new CreateKeyCommand(company, name, null, Permission.READ, ALICE)).await().indefinitely();
    }

    void revoke(KeyWithSecret key) {
        ports.changeKey().revoke(new KeyCommand(key.key().companyId(), key.key().id(), ALICE)).await().indefinitely();
    }

    @Test
    void aCompanyListsOnlyItsOwnWorkingIntegrationKeys() {
        KeyWithSecret kept = create(ACME, "kept");
        revoke(create(ACME, "revoked"));
        create(GLOBEX, "theirs");
        ports.partnerKey().create(ACME, ALICE).await().indefinitely();

        assertThat(service.list(ACME).await().indefinitely()).extracting(ApiKey::id).containsExactly(kept.key().id());
        assertThat(service.get(ACME, kept.key().id()).await().indefinitely().name()).isEqualTo("kept");
    }

    @Test
    void anotherCompanysARevokedAndThePartnerKeyAreNotFound() {
        KeyWithSecret theirs = create(GLOBEX, "theirs");
        KeyWithSecret revoked = create(ACME, "revoked");
        revoke(revoked);
        var partner = ports.partnerKey().create(ACME, ALICE).await().indefinitely();

        assertThat(refusal(() -> service.get(ACME, theirs.key().id()).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.get(ACME, revoked.key().id()).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.get(ACME, partner.key().id()).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.audit(ACME, theirs.key().id()).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.audit(ACME, partner.key().id()).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
    }

    @Test
    void aKeysTrailSaysWhoDidWhatAndStaysReadableAfterARevoke() {
        KeyWithSecret key = create(ACME, "CRM sync");
        ports.changeKey().update(new UpdateKeyCommand(new KeyCommand(ACME, key.key().id(), new Actor("user:bob", "req-2")), "CRM", null))
                .await().indefinitely();
        ports.changeKey().revoke(new KeyCommand(ACME, key.key().id(), new Actor("user:carol", "req-3"))).await().indefinitely();

        assertThat(service.audit(ACME, key.key().id()).await().indefinitely()).containsExactly(
                new KeyAuditEntry(key.key().id(), ACME, "KeyCreated", "user:alice", "req-1", NOW),
                new KeyAuditEntry(key.key().id(), ACME, "KeyUpdated", "user:bob", "req-2", NOW),
                new KeyAuditEntry(key.key().id(), ACME, "KeyRevoked", "user:carol", "req-3", NOW));
    }
}
