package com.truffle.keys.application.service;

import static com.truffle.keys.application.service.InMemoryPorts.hashOf;
import static com.truffle.keys.application.service.InMemoryPorts.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyRuleViolation.Rule;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;

class PartnerKeyServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final Actor CONNECTOR = new Actor("user:alice", "req-ashby");

    InMemoryPorts ports;
    PartnerKeyService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.partnerKey();
    }

    KeyWithSecret create() {
        return service.create(ACME, CONNECTOR).await().indefinitely();
    }

    @Test
    void thePartnerKeyNeedsAPaidPlanButNotApprovedApiAccess() {
        assertThat(refusal(this::create)).isEqualTo(Rule.PLAN_NOT_PAID);
        ports.entitle(ACME, "TRIAL", "APPROVED");
        assertThat(refusal(this::create)).isEqualTo(Rule.PLAN_NOT_PAID);
        assertThat(ports.keys).isEmpty();
        assertThat(ports.published).isEmpty();

        ports.entitle(ACME, "PAID", "NONE");
        KeyWithSecret created = create();

        ApiKey stored = ports.stored(created.key().id());
        assertThat(stored.kind()).isEqualTo(KeyKind.ASHBY);
        assertThat(stored.permission()).isEqualTo(Permission.PARTNER_ASHBY);
        assertThat(stored.name()).isEqualTo("Ashby partner key");
        assertThat(created.secret().plaintext()).startsWith("trf_ashby_");
        assertThat(stored.secretHash()).isEqualTo(hashOf(created.secret().plaintext()));
        assertThat(ports.sent()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeyCreated);
            assertThat(e.key().kind()).isEqualTo(KeyKind.ASHBY);
            assertThat(e.requestId()).isEqualTo("req-ashby");
        });
    }

    @Test
    void aCompanyHasAtMostOneActivePartnerKeyAndANewOneOnceItIsRevoked() {
        ports.entitle(ACME, "PAID", "APPROVED");
        KeyWithSecret first = create();

        assertThat(refusal(this::create)).isEqualTo(Rule.PARTNER_KEY_EXISTS);
        assertThat(ports.keys).hasSize(1);
        assertThat(ports.published).hasSize(1);

        service.revoke(ACME, CONNECTOR).await().indefinitely();
        assertThat(ports.stored(first.key().id()).status()).isEqualTo(KeyStatus.REVOKED);
        assertThat(ports.sent()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeyRevoked);
            assertThat(e.key().status()).isEqualTo(KeyStatus.REVOKED);
        });
        assertThat(refusal(() -> service.revoke(ACME, CONNECTOR).await().indefinitely())).as("revoking twice")
                .isEqualTo(Rule.NOT_FOUND);

        KeyWithSecret second = create();
        assertThat(second.key().id()).isNotEqualTo(first.key().id());
        assertThat(ports.queryKeys().byHash(hashOf(first.secret().plaintext())).await().indefinitely()).isEmpty();
    }

    @Test
    void regenerateReplacesTheSecretOfTheSameKeyAndNeedsAKeyToRegenerate() {
        ports.entitle(ACME, "PAID", "NONE");
        assertThat(refusal(() -> service.regenerate(ACME, CONNECTOR).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.revoke(ACME, CONNECTOR).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        KeyWithSecret created = create();

        KeyWithSecret regenerated = service.regenerate(ACME, CONNECTOR).await().indefinitely();

        assertThat(regenerated.key().id()).isEqualTo(created.key().id());
        assertThat(regenerated.secret().plaintext()).isNotEqualTo(created.secret().plaintext());
        assertThat(ports.stored(created.key().id()).secretHash()).isEqualTo(hashOf(regenerated.secret().plaintext()));
        assertThat(ports.queryKeys().byHash(hashOf(created.secret().plaintext())).await().indefinitely()).isEmpty();
        assertThat(ports.sent()).extracting(KeyEvent::type).containsExactly(KeyEvent.Type.KeyCreated, KeyEvent.Type.KeyRegenerated);
        assertThat(ports.sent().get(1).key().secretHash()).isEqualTo(hashOf(regenerated.secret().plaintext()));
    }
}
