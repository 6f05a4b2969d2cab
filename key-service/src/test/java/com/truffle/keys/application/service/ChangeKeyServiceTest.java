package com.truffle.keys.application.service;

import static com.truffle.keys.application.service.InMemoryPorts.NOW;
import static com.truffle.keys.application.service.InMemoryPorts.hashOf;
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
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.KeyRuleViolation.Rule;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;

class ChangeKeyServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CompanyId GLOBEX = new CompanyId("globex");
    static final Actor ALICE = new Actor("user:alice", "req-2");

    InMemoryPorts ports;
    ChangeKeyService service;
    KeyWithSecret key;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.changeKey();
        ports.entitle(ACME, "PAID", "APPROVED");
        key = ports.createKey(25).create(new CreateKeyCommand(ACME, "CRM sync", null, Permission.WRITE, new Actor("user:alice", "req-1")))
                .await().indefinitely();
        ports.published.clear();
        ports.audit.clear();
    }

    KeyCommand command(KeyId id) {
        return new KeyCommand(ACME, id, ALICE);
    }

    KeyWithSecret regenerate() {
        return service.regenerate(command(key.key().id())).await().indefinitely();
    }

    ApiKey revoke() {
        return service.revoke(command(key.key().id())).await().indefinitely();
    }

    @Test
    void regenerateKeepsTheKeyGivesANewSecretOnceAndTheOldOneStopsMatching() {
        String old = key.secret().plaintext();

        KeyWithSecret regenerated = regenerate();

        String fresh = regenerated.secret().plaintext();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(regenerated.key().id()).isEqualTo(key.key().id());
        ApiKey stored = ports.stored(key.key().id());
        assertThat(stored.secretHash()).isEqualTo(hashOf(fresh));
        assertThat(stored.regeneratedAt()).isEqualTo(NOW);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(ports.queryKeys().byHash(hashOf(old)).await().indefinitely()).as("the old secret is dead").isEmpty();
        assertThat(ports.queryKeys().byHash(hashOf(fresh)).await().indefinitely()).isPresent();

        assertThat(ports.sent()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeyRegenerated);
            assertThat(e.key().secretHash()).as("the new state goes to the gateway").isEqualTo(hashOf(fresh));
            assertThat(e.key().version()).isEqualTo(2);
            assertThat(e.key().status()).isEqualTo(KeyStatus.ACTIVE);
            assertThat(e.actor()).isEqualTo("user:alice");
            assertThat(e.requestId()).isEqualTo("req-2");
        });
        assertThat(ports.audit).extracting(a -> a.action()).containsExactly("KeyRegenerated");
    }

    @Test
    void revokeKillsTheKeyAndPublishesItsRevokedState() {
        ApiKey revoked = revoke();

        assertThat(revoked.status()).isEqualTo(KeyStatus.REVOKED);
        ApiKey stored = ports.stored(key.key().id());
        assertThat(stored.status()).isEqualTo(KeyStatus.REVOKED);
        assertThat(stored.revokedAt()).isEqualTo(NOW);
        assertThat(ports.queryKeys().byHash(hashOf(key.secret().plaintext())).await().indefinitely()).isEmpty();
        assertThat(ports.sent()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeyRevoked);
            assertThat(e.key().status()).isEqualTo(KeyStatus.REVOKED);
            assertThat(e.key().version()).isEqualTo(2);
        });
    }

    @Test
    void aRevokedKeyIsGoneForEveryChangeIncludingASecondRevoke() {
        revoke();

        assertThat(refusal(this::revoke)).as("revoking twice").isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(this::regenerate)).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.update(new UpdateKeyCommand(command(key.key().id()), "new name", null)).await().indefinitely()))
                .isEqualTo(Rule.NOT_FOUND);
        assertThat(ports.published).hasSize(1);
        assertThat(ports.stored(key.key().id()).version()).isEqualTo(2);
        assertThat(ports.stored(key.key().id()).secretHash()).isEqualTo(hashOf(key.secret().plaintext()));
    }

    @Test
    void anotherCompanysKeyAUnknownIdAndThePartnerKeyAreNotFoundAndUntouched() {
        var theirs = new KeyCommand(GLOBEX, key.key().id(), new Actor("user:mallory", "req-9"));
        assertThat(refusal(() -> service.revoke(theirs).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.regenerate(theirs).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.update(new UpdateKeyCommand(theirs, "mine now", null)).await().indefinitely()))
                .isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.revoke(command(KeyId.random())).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);

        var partner = ports.partnerKey().create(ACME, ALICE).await().indefinitely();
        ports.published.clear();
        assertThat(refusal(() -> service.revoke(command(partner.key().id())).await().indefinitely()))
                .as("the Ashby partner key is not an integration key").isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.regenerate(command(partner.key().id())).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);

        assertThat(ports.stored(key.key().id()).status()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(ports.stored(key.key().id()).name()).isEqualTo("CRM sync");
        assertThat(ports.stored(partner.key().id()).status()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(ports.published).isEmpty();
        assertThat(ports.issuedSecrets).hasSize(2);
    }

    @Test
    void renamingIsAuditedAndPublishedButTheSameNameAgainIsNoChange() {
        ApiKey renamed = service.update(new UpdateKeyCommand(command(key.key().id()), "  CRM export ", "nightly")).await()
                .indefinitely();

        assertThat(renamed.name()).isEqualTo("CRM export");
        assertThat(ports.stored(key.key().id()).name()).isEqualTo("CRM export");
        assertThat(ports.stored(key.key().id()).description()).isEqualTo("nightly");
        assertThat(ports.stored(key.key().id()).version()).isEqualTo(2);
        assertThat(ports.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeyUpdated);
            assertThat(e.key().name()).isEqualTo("CRM export");
        });
        assertThat(ports.audit).extracting(a -> a.action() + " by " + a.actor()).containsExactly("KeyUpdated by user:alice");

        service.update(new UpdateKeyCommand(command(key.key().id()), "CRM export", null)).await().indefinitely();
        assertThat(ports.published).hasSize(1);
        assertThat(ports.stored(key.key().id()).version()).isEqualTo(2);

        assertThat(refusal(() -> service.update(new UpdateKeyCommand(command(key.key().id()), " ", null)).await().indefinitely()))
                .isEqualTo(Rule.INVALID);
        assertThat(ports.stored(key.key().id()).name()).isEqualTo("CRM export");
    }
}
