package com.truffle.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.domain.access.AccessPolicy;
import com.truffle.gateway.domain.access.AccessPolicy.Verdict;
import com.truffle.gateway.domain.access.PresentedCredential;
import com.truffle.gateway.domain.access.Session;
import com.truffle.gateway.domain.access.TokenBucket;
import com.truffle.gateway.domain.access.TokenBucket.RateLimit;
import com.truffle.gateway.domain.key.KeyKind;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.KeyStatus;
import com.truffle.gateway.domain.key.Permission;
import com.truffle.gateway.domain.routing.RequiredAccess;

class AccessRulesTest {

    static KeyRecord key(KeyKind kind, Permission p) {
        return new KeyRecord("k1", "acme", kind, p, KeyReplicaTest.hash(), KeyStatus.ACTIVE, 1, null);
    }

    @Test
    void permissionsNestAndThePartnerPermissionStandsApart() {
        assertThat(Permission.ADMIN.includes(Permission.READ)).isTrue();
        assertThat(Permission.WRITE.includes(Permission.ADMIN)).isFalse();
        assertThat(Permission.PARTNER_ASHBY.includes(Permission.READ)).isFalse();
        assertThat(Permission.ADMIN.includes(Permission.PARTNER_ASHBY)).isFalse();
        assertThat(Permission.WRITE.groups()).containsExactly("READ", "WRITE");
    }

    @Test
    void aKeyIsForwardedAsItselfWithItsExpandedGroups() {
        Verdict v = AccessPolicy.forKey(RequiredAccess.READ, key(KeyKind.LIVE, Permission.WRITE));
        assertThat(v.allowed()).isTrue();
        assertThat(v.identity().principal()).isEqualTo("api-key:k1");
        assertThat(v.identity().companyId()).isEqualTo("acme");
        assertThat(v.identity().groups()).containsExactly("READ", "WRITE");
    }

    @Test
    void denialsNameWhatWasRequiredAndWhatWasGranted() {
        Verdict v = AccessPolicy.forKey(RequiredAccess.ADMIN, key(KeyKind.LIVE, Permission.READ));
        assertThat(v.allowed()).isFalse();
        assertThat(v.required()).isEqualTo("ADMIN");
        assertThat(v.granted()).isEqualTo("READ");
        Verdict partnerElsewhere = AccessPolicy.forKey(RequiredAccess.READ, key(KeyKind.ASHBY, Permission.PARTNER_ASHBY));
        assertThat(partnerElsewhere.granted()).isEqualTo("PARTNER_ASHBY");
        assertThat(AccessPolicy.forKey(RequiredAccess.PARTNER_ASHBY, key(KeyKind.LIVE, Permission.ADMIN)).allowed()).isFalse();
        assertThat(AccessPolicy.forKey(RequiredAccess.COMPANY_ADMIN, key(KeyKind.LIVE, Permission.ADMIN)).allowed()).isFalse();
        assertThat(AccessPolicy.forKey(RequiredAccess.PARTNER_ASHBY, key(KeyKind.ASHBY, Permission.PARTNER_ASHBY))
                .identity().principal()).isEqualTo("partner:ashby");
    }

    @Test
    void sessionsNeedTheirRoleAndACompanyForCompanyRoutes() {
        Instant exp = Instant.now().plusSeconds(60);
        Session admin = new Session("alice", "acme", Set.of("company-admin", "other"), exp);
        Session staff = new Session("rita", null, Set.of("truffle-staff"), exp);
        Session noCompany = new Session("bob", null, Set.of("company-admin"), exp);
        Verdict a = AccessPolicy.forSession(RequiredAccess.COMPANY_ADMIN, admin);
        assertThat(a.identity()).isEqualTo(new com.truffle.gateway.domain.access.Identity("user:alice", "acme", List.of("company-admin")));
        Verdict s = AccessPolicy.forSession(RequiredAccess.TRUFFLE_STAFF, staff);
        assertThat(s.identity().principal()).isEqualTo("staff:rita");
        assertThat(s.identity().companyId()).isNull();
        assertThat(AccessPolicy.forSession(RequiredAccess.TRUFFLE_STAFF, admin).granted()).isEqualTo("company-admin");
        assertThat(AccessPolicy.forSession(RequiredAccess.COMPANY_ADMIN, staff).allowed()).isFalse();
        assertThat(AccessPolicy.forSession(RequiredAccess.COMPANY_ADMIN, noCompany).allowed()).isFalse();
        assertThat(AccessPolicy.forSession(RequiredAccess.READ, admin).required()).isEqualTo("READ");
    }

    @Test
    void theAuthorizationHeaderIsReadWithoutAnyLookup() {
        assertThat(PresentedCredential.parse(null)).isInstanceOf(PresentedCredential.Missing.class);
        assertThat(PresentedCredential.parse("Bearer trf_live_abc")).isEqualTo(new PresentedCredential.ApiKey("trf_live_abc", false));
        assertThat(PresentedCredential.parse("bearer eyJa.eyJb.sig")).isEqualTo(new PresentedCredential.SessionToken("eyJa.eyJb.sig"));
        assertThat(PresentedCredential.parse("Bearer nonsense")).isInstanceOf(PresentedCredential.Unreadable.class);
        assertThat(PresentedCredential.parse("Bearer a..b")).isInstanceOf(PresentedCredential.Unreadable.class);
        assertThat(PresentedCredential.parse("Digest x")).isInstanceOf(PresentedCredential.Unreadable.class);
        assertThat(PresentedCredential.parse("Basic " + b64("trf_ashby_abc:"))).isEqualTo(new PresentedCredential.ApiKey("trf_ashby_abc", true));
        assertThat(PresentedCredential.parse("Basic " + b64(":trf_ashby_abc"))).isEqualTo(new PresentedCredential.ApiKey("trf_ashby_abc", true));
        assertThat(PresentedCredential.parse("Basic " + b64("ashby:secret"))).isInstanceOf(PresentedCredential.Unreadable.class);
        assertThat(PresentedCredential.parse("Basic !!!")).isInstanceOf(PresentedCredential.Unreadable.class);
        assertThat(new PresentedCredential.ApiKey("trf_live_secret", false).toString()).doesNotContain("secret");
    }

    @Test
    void theTokenBucketAllowsABurstThenRefillsAtItsRate() {
        long t = 1_000_000_000L;
        TokenBucket bucket = new TokenBucket(new RateLimit(2, 3), t);
        assertThat(bucket.tryTake(t)).isZero();
        assertThat(bucket.tryTake(t)).isZero();
        assertThat(bucket.tryTake(t)).isZero();
        long wait = bucket.tryTake(t);
        assertThat(wait).isEqualTo(500_000_000L);
        assertThat(bucket.tryTake(t + 499_000_000L)).isPositive();
        assertThat(bucket.tryTake(t + 500_000_000L)).isZero();
        assertThat(bucket.tryTake(t + 10_000_000_000L)).as("refills to the burst, not beyond").isZero();
        assertThat(bucket.tryTake(t + 10_000_000_000L)).isZero();
        assertThat(bucket.tryTake(t + 10_000_000_000L)).isZero();
        assertThat(bucket.tryTake(t + 10_000_000_000L)).isPositive();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
