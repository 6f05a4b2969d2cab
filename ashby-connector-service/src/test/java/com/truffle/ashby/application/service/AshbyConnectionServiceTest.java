package com.truffle.ashby.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.ashby.application.port.in.ConnectAshbyUseCase.ConnectCommand;
import com.truffle.ashby.application.port.in.DisconnectAshbyUseCase.DisconnectCommand;
import com.truffle.ashby.application.port.in.ReconnectAshbyUseCase.ReconnectCommand;
import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.AshbyEvent;
import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.AshbyRuleViolation.Rule;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.ConnectionStatus;
import com.truffle.ashby.domain.KeyCheck;
import com.truffle.ashby.domain.PartnerKey;
import com.truffle.ashby.domain.Plan;

class AshbyConnectionServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final AdminToken ADMIN = new AdminToken("admin-jwt");
    static final AshbyApiKey KEY = new AshbyApiKey("ashby_key_1");

    InMemoryPorts ports;
    AshbyConnectionService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = new AshbyConnectionService();
        service.load = ports;
        service.save = ports;
        service.plans = ports;
        service.ashby = ports;
        service.partnerKeys = ports;
        service.vault = ports;
        service.deliveries = ports;
        service.events = ports;
        service.clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        ports.plans.put(ACME, Plan.PAID);
        ports.keyService.put("create", new PartnerKey("pk-1", "trf_ashby_first"));
    }

    Rule refusal(Runnable r) {
        try {
            r.run();
        } catch (AshbyRuleViolation e) {
            return e.rule();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void connectOnlyOnAPaidPlanAndOnlyWithAKeyAshbyAccepts() {
        ports.plans.put(ACME, Plan.TRIAL);
        assertThat(refusal(() -> service.connect(new ConnectCommand(ACME, KEY, ADMIN)).await().indefinitely()))
                .isEqualTo(Rule.PAID_PLAN_REQUIRED);
        ports.plans.put(ACME, Plan.PAID);
        ports.ashbyKeys.put(KEY.value(), KeyCheck.REJECTED);
        assertThat(refusal(() -> service.connect(new ConnectCommand(ACME, KEY, ADMIN)).await().indefinitely()))
                .isEqualTo(Rule.ASHBY_KEY_REJECTED);
        assertThat(ports.keyServiceCalls).as("nothing issued for a rejected key").isEmpty();

        ports.ashbyKeys.put(KEY.value(), KeyCheck.ACCEPTED_WITHOUT_INTROSPECTION);
        var issued = service.connect(new ConnectCommand(ACME, KEY, ADMIN)).await().indefinitely();
        assertThat(issued.truffleKey()).isEqualTo("trf_ashby_first");
        assertThat(issued.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(ports.keyServiceCalls).containsExactly("create admin-jwt");
        assertThat(ports.published).containsExactly(new AshbyEvent.AshbyConnected(ACME, "pk-1", service.clock.instant()));
        assertThat(ports.open(ACME, ports.connections.get(ACME).ashbyKey())).isEqualTo(KEY);
    }

    @Test
    void aPartnerKeyAlreadyActiveIsRegeneratedAndAMissingOneIsCreatedOnReconnect() {
        ports.keyService.remove("create");
        ports.keyService.put("regenerate", new PartnerKey("pk-0", "trf_ashby_regenerated"));
        assertThat(service.connect(new ConnectCommand(ACME, KEY, ADMIN)).await().indefinitely().truffleKey())
                .isEqualTo("trf_ashby_regenerated");
        assertThat(ports.keyServiceCalls).containsExactly("create admin-jwt", "regenerate admin-jwt");

        ports.keyService.remove("regenerate");
        ports.keyService.put("create", new PartnerKey("pk-2", "trf_ashby_created"));
        var issued = service.reconnect(new ReconnectCommand(ACME, Optional.empty(), ADMIN)).await().indefinitely();
        assertThat(issued.truffleKey()).isEqualTo("trf_ashby_created");
        assertThat(ports.connections.get(ACME).partnerKeyId()).isEqualTo("pk-2");
        assertThat(ports.resumed).as("held results flow again").containsExactly(ACME);
    }

    @Test
    void reconnectChecksTheStoredKeyAgainAndRefusesWhenAshbyNoLongerTakesIt() {
        service.connect(new ConnectCommand(ACME, KEY, ADMIN)).await().indefinitely();
        ports.keyService.put("regenerate", new PartnerKey("pk-1", "trf_ashby_second"));
        ports.ashbyKeys.put(KEY.value(), KeyCheck.REJECTED);
        assertThat(refusal(() -> service.reconnect(new ReconnectCommand(ACME, Optional.empty(), ADMIN)).await().indefinitely()))
                .isEqualTo(Rule.ASHBY_KEY_REJECTED);
        AshbyApiKey fresh = new AshbyApiKey("ashby_key_2");
        assertThat(service.reconnect(new ReconnectCommand(ACME, Optional.of(fresh), ADMIN)).await().indefinitely().truffleKey())
                .isEqualTo("trf_ashby_second");
        assertThat(ports.open(ACME, ports.connections.get(ACME).ashbyKey())).isEqualTo(fresh);
    }

    @Test
    void disconnectRevokesDropsWaitingResultsAndIsIdempotent() {
        service.connect(new ConnectCommand(ACME, KEY, ADMIN)).await().indefinitely();
        service.disconnect(new DisconnectCommand(ACME, ADMIN)).await().indefinitely();
        assertThat(ports.connections.get(ACME).status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(ports.connections.get(ACME).ashbyKey()).isNull();
        assertThat(ports.discarded).containsExactly(ACME);
        assertThat(ports.published).hasSize(2).last().isInstanceOf(AshbyEvent.AshbyDisconnected.class);
        service.disconnect(new DisconnectCommand(ACME, ADMIN)).await().indefinitely();
        assertThat(ports.published).hasSize(2);
        assertThatThrownBy(() -> service.reconnect(new ReconnectCommand(ACME, Optional.empty(), ADMIN)).await().indefinitely())
                .isInstanceOf(AshbyRuleViolation.class);
    }
}
