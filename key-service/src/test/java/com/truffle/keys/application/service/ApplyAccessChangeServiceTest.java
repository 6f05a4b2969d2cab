package com.truffle.keys.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.ChangeKeyUseCase.KeyCommand;
import com.truffle.keys.application.port.in.CreateKeyUseCase.CreateKeyCommand;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyStatus;
import com.truffle.keys.domain.KeyWithSecret;
import com.truffle.keys.domain.Permission;

class ApplyAccessChangeServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CompanyId GLOBEX = new CompanyId("globex");
    static final Actor ALICE = new Actor("user:alice", "req-1");
    static final Instant T1 = Instant.parse("2026-11-25T09:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-25T09:30:00Z");

    InMemoryPorts ports;
    ApplyAccessChangeService service;
    KeyWithSecret live;
    KeyWithSecret revoked;
    KeyWithSecret partner;
    KeyWithSecret theirs;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.applyAccessChange();
        ports.entitle(ACME, "PAID", "APPROVED");
        ports.entitle(GLOBEX, "PAID", "APPROVED");
        live = create(ACME, "live");
        revoked = create(ACME, "revoked");
        ports.changeKey().revoke(new KeyCommand(ACME, revoked.key().id(), ALICE)).await().indefinitely();
        partner = ports.partnerKey().create(ACME, ALICE).await().indefinitely();
        theirs = create(GLOBEX, "theirs");
        ports.published.clear();
    }

    KeyWithSecret create(CompanyId company, String name) {
        return ports.createKey(25).create(new CreateKeyCommand(company, name, null, Permission.READ, ALICE)).await().indefinitely();
    }

    void apply(String plan, String access, Instant asOf, String cause) {
        service.apply(new CompanyAccess(ACME, plan, access, asOf), cause).await().indefinitely();
    }

    KeyStatus status(KeyWithSecret key) {
        return ports.stored(key.key().id()).status();
    }

    @Test
    void leavingThePaidPlanSuspendsTheCompanysKeysAndPublishesEachChange() {
        apply("TRIAL", "SUSPENDED", T1, "event-1");

        assertThat(ports.access.get(ACME)).isEqualTo(new CompanyAccess(ACME, "TRIAL", "SUSPENDED", T1));
        assertThat(status(live)).isEqualTo(KeyStatus.SUSPENDED);
        assertThat(status(partner)).isEqualTo(KeyStatus.SUSPENDED);
        assertThat(status(revoked)).as("revoked is final").isEqualTo(KeyStatus.REVOKED);
        assertThat(status(theirs)).isEqualTo(KeyStatus.ACTIVE);
        assertThat(ports.stored(live.key().id()).version()).isEqualTo(2);

        assertThat(ports.published).extracting(e -> e.key().id()).containsExactlyInAnyOrder(live.key().id(), partner.key().id());
        assertThat(ports.published).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeySuspended);
            assertThat(e.key().status()).isEqualTo(KeyStatus.SUSPENDED);
            assertThat(e.actor()).isEqualTo("system:access-events");
            assertThat(e.requestId()).isEqualTo("event-1");
        });
        assertThat(ports.audit).filteredOn(a -> a.action().equals("KeySuspended")).hasSize(2);
    }

    @Test
    void returningToPaidReinstatesThePartnerKeyAtOnceAndIntegrationKeysOnceAccessIsApprovedAgain() {
        apply("TRIAL", "SUSPENDED", T1, "event-1");
        ports.published.clear();

        apply("PAID", "SUSPENDED", T2, "event-2");
        assertThat(status(partner)).isEqualTo(KeyStatus.ACTIVE);
        assertThat(status(live)).isEqualTo(KeyStatus.SUSPENDED);
        assertThat(ports.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(KeyEvent.Type.KeyReinstated);
            assertThat(e.key().id()).isEqualTo(partner.key().id());
        });

        apply("PAID", "APPROVED", T2.plusSeconds(1), "event-3");
        assertThat(status(live)).isEqualTo(KeyStatus.ACTIVE);
        assertThat(ports.published).extracting(KeyEvent::type).containsExactly(KeyEvent.Type.KeyReinstated, KeyEvent.Type.KeyReinstated);
    }

    @Test
    void olderNewsThanWhatIsKnownChangesNothing() {
        apply("PAID", "APPROVED", T2, "event-2");
        apply("TRIAL", "SUSPENDED", T1, "event-1, delivered late");

        assertThat(ports.access.get(ACME).accessStatus()).isEqualTo("APPROVED");
        assertThat(ports.access.get(ACME).asOf()).isEqualTo(T2);
        assertThat(status(live)).isEqualTo(KeyStatus.ACTIVE);
        assertThat(status(partner)).isEqualTo(KeyStatus.ACTIVE);
        assertThat(ports.published).isEmpty();
    }

    @Test
    void theSameEntitlementAgainChangesNoKey() {
        apply("TRIAL", "SUSPENDED", T1, "event-1");
        int published = ports.published.size();

        apply("TRIAL", "SUSPENDED", T1, "event-1 again");

        assertThat(ports.published).hasSize(published);
        assertThat(ports.stored(live.key().id()).version()).isEqualTo(2);
    }
}
