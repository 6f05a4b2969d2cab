package com.truffle.keys.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ApiKeyTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final CompanyId ACME = new CompanyId("acme");

    static IssuedSecret secret(String hash) {
        return new IssuedSecret("trf_live_secret-" + hash, hash, "trf_live_Ab3x", "9QzK");
    }

    static ApiKey key() {
        return ApiKey.create(ACME, "  CRM sync ", "", Permission.WRITE, secret("h1"), "user:alice", T0);
    }

    @Test
    void aNewKeyIsActiveVersionOneWithACleanName() {
        ApiKey k = key();
        assertThat(k.status()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(k.version()).isEqualTo(1);
        assertThat(k.name()).isEqualTo("CRM sync");
        assertThat(k.description()).isNull();
        assertThat(k.kind()).isEqualTo(KeyKind.LIVE);
        assertThat(k.secretHash()).isEqualTo("h1");
    }

    @Test
    void everyChangeBumpsTheVersionAndRegenerateReplacesTheHash() {
        ApiKey k = key();
        assertThat(k.update("CRM", null, T0.plusSeconds(1))).isTrue();
        assertThat(k.update("CRM", null, T0.plusSeconds(2))).as("no change").isFalse();
        assertThat(k.version()).isEqualTo(2);
        k.regenerate(secret("h2"), T0.plusSeconds(3));
        assertThat(k.secretHash()).isEqualTo("h2");
        assertThat(k.regeneratedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(k.version()).isEqualTo(3);
        k.revoke(T0.plusSeconds(4));
        assertThat(k.status()).isEqualTo(KeyStatus.REVOKED);
        assertThat(k.version()).isEqualTo(4);
    }

    @Test
    void aRevokedKeyCannotChangeAgain() {
        ApiKey k = key();
        k.revoke(T0);
        assertThatThrownBy(() -> k.regenerate(secret("h2"), T0)).hasFieldOrPropertyWithValue("rule", KeyRuleViolation.Rule.REVOKED);
        assertThatThrownBy(() -> k.update("x", null, T0)).hasFieldOrPropertyWithValue("rule", KeyRuleViolation.Rule.REVOKED);
        assertThatThrownBy(() -> k.revoke(T0)).hasFieldOrPropertyWithValue("rule", KeyRuleViolation.Rule.REVOKED);
        assertThat(k.reconcile(new CompanyAccess(ACME, "PAID", "APPROVED"), T0)).isFalse();
        assertThat(k.status()).isEqualTo(KeyStatus.REVOKED);
    }

    @Test
    void keysFollowTheCompanysEntitlement() {
        ApiKey live = key();
        ApiKey partner = ApiKey.create(ACME, "Ashby", null, Permission.PARTNER_ASHBY, secret("p"), "user:alice", T0);
        CompanyAccess suspended = new CompanyAccess(ACME, "TRIAL", "SUSPENDED");
        assertThat(live.reconcile(suspended, T0)).isTrue();
        assertThat(partner.reconcile(suspended, T0)).isTrue();
        assertThat(live.status()).isEqualTo(KeyStatus.SUSPENDED);
        assertThat(partner.status()).isEqualTo(KeyStatus.SUSPENDED);
        // paid again, but API access still suspended until reinstated: the partner key works, integration keys do not
        CompanyAccess paidOnly = new CompanyAccess(ACME, "PAID", "SUSPENDED");
        assertThat(partner.reconcile(paidOnly, T0)).isTrue();
        assertThat(live.reconcile(paidOnly, T0)).isFalse();
        assertThat(live.reconcile(new CompanyAccess(ACME, "PAID", "APPROVED"), T0)).isTrue();
        assertThat(live.status()).isEqualTo(KeyStatus.ACTIVE);
    }

    @Test
    void namesAndDescriptionsAreValidated() {
        assertThatThrownBy(() -> ApiKey.create(ACME, " ", null, Permission.READ, secret("x"), "u", T0))
                .isInstanceOfSatisfying(KeyRuleViolation.class, e -> assertThat(e.fields()).extracting("field").containsExactly("name"));
        assertThatThrownBy(() -> ApiKey.create(ACME, "x".repeat(101), null, Permission.READ, secret("x"), "u", T0))
                .isInstanceOf(KeyRuleViolation.class);
        assertThatThrownBy(() -> ApiKey.create(ACME, "a\u0000b", null, Permission.READ, secret("x"), "u", T0))
                .isInstanceOf(KeyRuleViolation.class);
        assertThatThrownBy(() -> ApiKey.create(ACME, "ok", "d".repeat(501), Permission.READ, secret("x"), "u", T0))
                .isInstanceOfSatisfying(KeyRuleViolation.class, e -> assertThat(e.fields()).extracting("field").containsExactly("description"));
    }

    @Test
    void anIssuedSecretNeverPrintsItself() {
        assertThat(secret("h").toString()).doesNotContain("secret-").contains("trf_live_Ab3x");
    }

    @Test
    void accessRules() {
        assertThat(new CompanyAccess(ACME, "PAID", "APPROVED").allows(KeyKind.LIVE)).isTrue();
        assertThat(new CompanyAccess(ACME, "PAID", "PENDING").allows(KeyKind.LIVE)).isFalse();
        assertThat(new CompanyAccess(ACME, "PAID", "NONE").allows(KeyKind.ASHBY)).isTrue();
        assertThat(CompanyAccess.unknown(ACME).allows(KeyKind.ASHBY)).isFalse();
        assertThatThrownBy(() -> new CompanyAccess(ACME, "PAID", "SUSPENDED").requireAllows(KeyKind.LIVE))
                .hasMessageContaining("suspended");
    }
}
