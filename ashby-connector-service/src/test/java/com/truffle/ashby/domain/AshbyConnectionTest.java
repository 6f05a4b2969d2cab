package com.truffle.ashby.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class AshbyConnectionTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final CompanyId ACME = new CompanyId("acme");
    static final SealedAshbyKey SEALED = new SealedAshbyKey(new byte[] {1, 2, 3});

    static AshbyConnection connected() {
        AshbyConnection c = AshbyConnection.notConnected(ACME);
        c.connect(SEALED, new PartnerKey("pk-1", "trf_ashby_secret"), NOW);
        return c;
    }

    @Test
    void connectingIsHealthyWithoutActivityAndAnnouncesThePartnerKey() {
        AshbyConnection c = AshbyConnection.notConnected(ACME);
        assertThat(c.status()).isEqualTo(ConnectionStatus.NOT_CONNECTED);
        var events = c.connect(SEALED, new PartnerKey("pk-1", "trf_ashby_secret"), NOW);
        assertThat(events).containsExactly(new AshbyEvent.AshbyConnected(ACME, "pk-1", NOW));
        assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(c.message()).isNull();
        assertThat(c.lastActivityAt()).as("checking the key is not activity").isNull();
        assertThatThrownBy(() -> c.connect(SEALED, new PartnerKey("pk-2", "s"), NOW))
                .isInstanceOfSatisfying(AshbyRuleViolation.class, e -> assertThat(e.rule()).isEqualTo(AshbyRuleViolation.Rule.ALREADY_CONNECTED));
    }

    @Test
    void failuresDegradeAndADeliveryHealsUnlessOthersStillFail() {
        AshbyConnection c = connected();
        c.deliveryFailing("Ashby is not accepting results right now (HTTP 503)");
        assertThat(c.status()).isEqualTo(ConnectionStatus.DEGRADED);
        assertThat(c.message()).contains("HTTP 503");
        c.delivered(NOW.plusSeconds(1), true);
        assertThat(c.status()).isEqualTo(ConnectionStatus.DEGRADED);
        assertThat(c.lastActivityAt()).isEqualTo(NOW.plusSeconds(1));
        c.delivered(NOW.plusSeconds(2), false);
        assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(c.message()).isNull();
    }

    @Test
    void aRejectedKeyHoldsDeliveriesUntilReconnectAndIsNotHiddenByLaterFailures() {
        AshbyConnection c = connected();
        c.ashbyKeyRejected();
        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTION_NEEDED);
        assertThat(c.message()).isEqualTo("Ashby rejected the API key — reconnect");
        assertThat(c.deliveriesHeld()).isTrue();
        c.deliveryFailing("HTTP 503");
        c.delivered(NOW, false);
        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTION_NEEDED);

        var events = c.reconnect(null, new PartnerKey("pk-1", "trf_ashby_new"), NOW.plusSeconds(5));
        assertThat(events).containsExactly(new AshbyEvent.AshbyConnected(ACME, "pk-1", NOW.plusSeconds(5)));
        assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(c.deliveriesHeld()).isFalse();
        assertThat(c.ashbyKey()).as("no new key given: the stored one stays").isEqualTo(SEALED);
    }

    @Test
    void disconnectDeletesTheKeyOnceAndConnectingAgainWorks() {
        AshbyConnection c = connected();
        assertThat(c.disconnect(NOW)).containsExactly(new AshbyEvent.AshbyDisconnected(ACME, "pk-1", NOW));
        assertThat(c.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(c.ashbyKey()).isNull();
        assertThat(c.disconnect(NOW)).isEmpty();
        assertThatThrownBy(() -> c.reconnect(null, new PartnerKey("pk-1", "x"), NOW)).isInstanceOf(AshbyRuleViolation.class);
        c.connect(SEALED, new PartnerKey("pk-9", "trf_ashby_again"), NOW);
        assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(c.partnerKeyId()).isEqualTo("pk-9");
    }

    @Test
    void onlyTheRevocationOfOurPartnerKeyNeedsTheAdmin() {
        AshbyConnection c = connected();
        c.partnerKeyRevoked("some-other-key");
        assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
        c.partnerKeyRevoked("pk-1");
        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTION_NEEDED);
        assertThat(c.deliveriesHeld()).as("Ashby's key still works: results keep flowing").isFalse();
    }

    @Test
    void activityOnlyMovesForward() {
        AshbyConnection c = connected();
        c.startReceived(NOW.plusSeconds(10));
        c.startReceived(NOW.plusSeconds(5));
        assertThat(c.lastActivityAt()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void retriesRunningOutAskTheAdminToActAndARetryFromTheCardResumes() {
        AshbyConnection c = connected();
        assertThat(AshbyCard.of(Plan.PAID, c).canRetryDeliveries()).as("nothing waiting").isFalse();
        c.deliveryFailing("HTTP 503");
        assertThat(AshbyCard.of(Plan.PAID, c).canRetryDeliveries()).as("backing off: retry now").isTrue();
        c.deliveriesGaveUp(Duration.ofHours(72), "HTTP 503");
        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTION_NEEDED);
        assertThat(c.message()).contains("72 hours").contains("HTTP 503").contains("Retry");
        assertThat(c.deliveriesHeld()).isTrue();
        assertThat(AshbyCard.of(Plan.PAID, c).canRetryDeliveries()).isTrue();

        c.retryDeliveries();
        assertThat(c.status()).isEqualTo(ConnectionStatus.DEGRADED);
        assertThat(c.deliveriesHeld()).isFalse();
        assertThat(c.deliveriesGaveUp()).isFalse();
        c.delivered(NOW, false);
        assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
        c.retryDeliveries(); // nothing waiting: nothing changes
        assertThat(c.status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void aRejectedKeyIsFixedByReconnectingNotByRetryingAndGivingUpNeverHidesIt() {
        AshbyConnection c = connected();
        c.ashbyKeyRejected();
        c.deliveriesGaveUp(Duration.ofHours(72), "HTTP 503");
        assertThat(c.message()).isEqualTo(AshbyConnection.ASHBY_KEY_REJECTED);
        assertThat(AshbyCard.of(Plan.PAID, c).canRetryDeliveries()).isFalse();
        assertThatThrownBy(c::retryDeliveries).isInstanceOfSatisfying(AshbyRuleViolation.class,
                e -> assertThat(e.rule()).isEqualTo(AshbyRuleViolation.Rule.RECONNECT_REQUIRED));
        assertThatThrownBy(() -> AshbyConnection.notConnected(ACME).retryDeliveries()).isInstanceOfSatisfying(AshbyRuleViolation.class,
                e -> assertThat(e.rule()).isEqualTo(AshbyRuleViolation.Rule.NOT_CONNECTED));
    }

    @Test
    void theCardIsLockedOffThePaidPlanAndSpeaksOnlyWhenUnhealthy() {
        AshbyConnection c = connected();
        assertThat(AshbyCard.of(Plan.TRIAL, c)).isEqualTo(new AshbyCard(false, ConnectionStatus.CONNECTED, "Available on paid plans", null, false));
        assertThat(AshbyCard.of(Plan.PAID, c).message()).isNull();
        c.deliveryFailing("HTTP 503");
        assertThat(AshbyCard.of(Plan.PAID, c).message()).isEqualTo("HTTP 503");
        assertThat(AshbyCard.of(Plan.PAID, AshbyConnection.notConnected(ACME)))
                .isEqualTo(new AshbyCard(true, ConnectionStatus.NOT_CONNECTED, null, null, false));
    }

    @Test
    void secretsNeverShowInToString() {
        assertThat(new AshbyApiKey("abc123secret").toString()).doesNotContain("abc123secret");
        assertThat(new PartnerKey("pk", "trf_ashby_secret").toString()).doesNotContain("trf_ashby_secret");
        assertThat(new AdminToken("eyJtoken").toString()).doesNotContain("eyJtoken");
        assertThatThrownBy(() -> new AshbyApiKey("with:colon")).isInstanceOf(AshbyRuleViolation.class);
        assertThatThrownBy(() -> new AshbyApiKey("with space")).isInstanceOf(AshbyRuleViolation.class);
        assertThatThrownBy(() -> new CompanyId("bad id!")).isInstanceOf(AshbyRuleViolation.class);
    }
}
