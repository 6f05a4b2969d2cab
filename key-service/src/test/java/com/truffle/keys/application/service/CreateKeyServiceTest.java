package com.truffle.keys.application.service;

import static com.truffle.keys.application.service.InMemoryPorts.NOW;
import static com.truffle.keys.application.service.InMemoryPorts.hashOf;
import static com.truffle.keys.application.service.InMemoryPorts.refusal;
import static com.truffle.keys.application.service.InMemoryPorts.violation;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.ChangeKeyUseCase.KeyCommand;
import com.truffle.keys.application.port.in.CreateKeyUseCase.CreateKeyCommand;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyRuleViolation.Rule;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;

class CreateKeyServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final Actor ALICE = new Actor("user:alice", "req-1");

    InMemoryPorts ports;
    CreateKeyService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.createKey(25);
    }

    KeyWithSecret create(String name) {
        return service.create(new CreateKeyCommand(ACME, name, "nightly sync", Permission.WRITE, ALICE)).await().indefinitely();
    }

    @Test
    void onlyACompanyWhoseApiAccessIsApprovedCanCreateKeys() {
        assertThat(refusal(() -> create("CRM sync"))).as("a company never heard of").isEqualTo(Rule.ACCESS_NOT_APPROVED);
        ports.entitle(ACME, "PAID", "PENDING");
        assertThat(refusal(() -> create("CRM sync"))).as("paid, but not approved yet").isEqualTo(Rule.ACCESS_NOT_APPROVED);
        ports.entitle(ACME, "TRIAL", "SUSPENDED");
        assertThat(violation(() -> create("CRM sync"))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.ACCESS_NOT_APPROVED);
            assertThat(e.getMessage()).contains("suspended");
        });
        assertThat(ports.keys).isEmpty();
        assertThat(ports.published).isEmpty();
        assertThat(ports.audit).isEmpty();
        assertThat(ports.issuedSecrets).as("no secret made for a refused key").isEmpty();

        ports.entitle(ACME, "PAID", "APPROVED");
        assertThat(create("CRM sync").key().status()).isEqualTo(KeyStatus.ACTIVE);
    }

    @Test
    void theSecretIsReturnedOnceAndOnlyItsHashIsStored() {
        ports.entitle(ACME, "PAID", "APPROVED");

        KeyWithSecret created = create("  CRM sync ");

        String secret = created.secret().plaintext();
        assertThat(secret).startsWith("trf_live_");
        ApiKey stored = ports.stored(created.key().id());
        assertThat(stored.secretHash()).isEqualTo(hashOf(secret)).isNotEqualTo(secret);
        assertThat(stored.prefix() + "…" + stored.last4()).doesNotContain(secret);
        assertThat(stored.last4()).isEqualTo(secret.substring(secret.length() - 4));
        assertThat(stored.name()).isEqualTo("CRM sync");
        assertThat(stored.kind()).isEqualTo(KeyKind.LIVE);
        assertThat(stored.permission()).isEqualTo(Permission.WRITE);
        assertThat(stored.createdBy()).isEqualTo("user:alice");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(ports.queryKeys().byHash(hashOf(secret)).await().indefinitely()).map(ApiKey::id).contains(stored.id());

        assertThat(ports.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeyCreated);
            assertThat(e.key().id()).isEqualTo(stored.id());
            assertThat(e.key().secretHash()).isEqualTo(hashOf(secret));
            assertThat(e.key().status()).isEqualTo(KeyStatus.ACTIVE);
            assertThat(e.actor()).isEqualTo("user:alice");
            assertThat(e.requestId()).isEqualTo("req-1");
            assertThat(e.occurredAt()).isEqualTo(NOW);
        });
        assertThat(ports.sent()).as("sent once the key is committed").hasSize(1);
        assertThat(ports.audit).containsExactly(new KeyAuditEntry(stored.id(), ACME, "KeyCreated", "user:alice", "req-1", NOW));
    }

    @Test
    void badInputIsRefusedBeforeTheCompanysStateIsLookedAt() {
        // the company may not have keys at all: still, bad input is what the admin hears about
        assertThat(violation(() -> create("  "))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.INVALID);
            assertThat(e.fields()).extracting(KeyRuleViolation.FieldProblem::field).containsExactly("name");
        });
        assertThat(violation(() -> service.create(new CreateKeyCommand(ACME, "CRM", "x".repeat(501), Permission.READ, ALICE))
                .await().indefinitely()).fields()).extracting(KeyRuleViolation.FieldProblem::field).containsExactly("description");
        assertThat(ports.accessLookups).isZero();

        assertThat(refusal(() -> new CreateKeyCommand(ACME, "Ashby", null, Permission.PARTNER_ASHBY, ALICE)))
                .as("partner keys are made by the Ashby integration only").isEqualTo(Rule.INVALID);
        assertThat(refusal(() -> new CreateKeyCommand(ACME, "CRM", null, null, ALICE))).isEqualTo(Rule.INVALID);
        assertThat(ports.keys).isEmpty();
    }

    @Test
    void aCompanyHoldsAtMostTwentyFiveLiveKeysAndRevokingOneMakesRoom() {
        ports.entitle(ACME, "PAID", "APPROVED");
        ports.partnerKey().create(ACME, ALICE).await().indefinitely();
        KeyWithSecret first = create("key 1");
        for (int i = 2; i <= 25; i++) {
            create("key " + i);
        }
        assertThat(ports.countLiveKeys(ACME).await().indefinitely()).as("the partner key does not count").isEqualTo(25);
        int published = ports.published.size();

        assertThat(violation(() -> create("key 26"))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.TOO_MANY_KEYS);
            assertThat(e.getMessage()).contains("25");
        });
        assertThat(ports.published).hasSize(published);

        ports.changeKey().revoke(new KeyCommand(ACME, first.key().id(), ALICE)).await().indefinitely();
        assertThat(create("key 26").key().status()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(refusal(() -> create("key 27"))).isEqualTo(Rule.TOO_MANY_KEYS);
    }

    @Test
    void anotherCompanysKeysDoNotCountTowardsTheLimit() {
        CompanyId globex = new CompanyId("globex");
        ports.entitle(ACME, "PAID", "APPROVED");
        ports.entitle(globex, "PAID", "APPROVED");
        service = ports.createKey(1);
        create("only one");
        assertThat(refusal(() -> create("second"))).isEqualTo(Rule.TOO_MANY_KEYS);

        KeyWithSecret theirs = service.create(new CreateKeyCommand(globex, "theirs", null, Permission.READ, ALICE)).await()
                .indefinitely();
        assertThat(theirs.key().companyId()).isEqualTo(globex);
    }
}
