package com.truffle.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.application.port.out.KeyAuthorityPort;
import com.truffle.gateway.application.port.out.KeyStatePort;
import com.truffle.gateway.application.service.ApiKeyVerifier;
import com.truffle.gateway.application.service.ApiKeyVerifier.KeyCheck;
import com.truffle.gateway.application.service.ApiKeyVerifier.Miss;
import com.truffle.gateway.application.service.ApiKeyVerifier.Rejected;
import com.truffle.gateway.application.service.ApiKeyVerifier.Suspended;
import com.truffle.gateway.application.service.ApiKeyVerifier.Valid;
import com.truffle.gateway.application.service.InternalTokenCache;
import com.truffle.gateway.application.service.InternalTokenSettings;
import com.truffle.gateway.application.service.KeyLookupSettings;
import com.truffle.gateway.domain.access.TokenBucket.RateLimit;
import com.truffle.gateway.domain.key.KeyKind;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.KeyReplica;
import com.truffle.gateway.domain.key.KeyStatus;
import com.truffle.gateway.domain.key.Permission;
import com.truffle.gateway.domain.key.SecretHash;
import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.SecretHasher;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** The verification rules with in-memory fakes of the replica and of key-service (time is a counter). */
class ApiKeyVerifierTest {

    static final SecureRandom RANDOM = new SecureRandom();
    final SecretHasher hasher = new SecretHasher(new byte[32]);
    final KeyReplica replica = new KeyReplica();
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final FakeAuthority authority = new FakeAuthority();
    final KeyStatePort replicaPort = new KeyStatePort() {
        @Override
        public KeyRecord findByHash(SecretHash hash) {
            return replica.find(hash);
        }

        @Override
        public boolean isRetired(SecretHash hash) {
            return replica.isRetired(hash);
        }

        @Override
        public KeyReplica.Outcome admitConfirmed(KeyRecord record) {
            return replica.offer(record);
        }

        @Override
        public void revoke(String keyId) {
            replica.revoke(keyId);
        }

        @Override
        public boolean trusted() {
            return replicaTrusted.get();
        }
    };
    final java.util.concurrent.atomic.AtomicBoolean replicaTrusted = new java.util.concurrent.atomic.AtomicBoolean(true);
    static final String CLIENT = "192.0.2.10";
    final InternalTokenCache tokens = new InternalTokenCache((identity, audiences, iat, exp) -> "token-of-" + identity.principal(),
            new InternalTokenSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), 100), Clock.systemUTC());

    ApiKeyVerifier verifier(int lookupsPerSecond, int burst) {
        return verifier(lookupsPerSecond, burst, lookupsPerSecond, burst);
    }

    ApiKeyVerifier verifier(int lookupsPerSecond, int burst, int perClientPerSecond, int perClientBurst) {
        return new ApiKeyVerifier(replicaPort, authority, hasher, tokens,
                new KeyLookupSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), 1_000, new RateLimit(lookupsPerSecond, burst),
                        new RateLimit(perClientPerSecond, perClientBurst), Duration.ofSeconds(1)),
                now::get);
    }

    /** key-service: answers are handed out by the test, one per call, when it chooses. */
    static final class FakeAuthority implements KeyAuthorityPort {
        final AtomicInteger calls = new AtomicInteger();
        final List<CompletableFuture<Answer>> pending = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();

        @Override
        public synchronized Uni<Answer> verify(SecretHash hash, String bearerToken) {
            calls.incrementAndGet();
            tokens.add(bearerToken);
            CompletableFuture<Answer> p = new CompletableFuture<>();
            pending.add(p);
            return Uni.createFrom().completionStage(p);
        }

        synchronized void answer(int index, Answer a) {
            pending.get(index).complete(a);
        }
    }

    String secret() {
        return ApiKeyFormat.generate(com.truffle.platform.apikeys.KeyKind.LIVE, RANDOM);
    }

    KeyRecord record(String id, String secret, long version, KeyStatus status) {
        return new KeyRecord(id, "acme", KeyKind.LIVE, Permission.READ, SecretHash.of(hasher.hash(secret)), status, version,
                Instant.now());
    }

    static KeyCheck await(Uni<KeyCheck> uni) {
        return uni.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem(Duration.ofSeconds(5)).getItem();
    }

    @Test
    void garbageIsRejectedWithoutAnyLookup() {
        ApiKeyVerifier v = verifier(100, 100);
        String good = secret();
        String badChecksum = good.substring(0, good.length() - 1) + (good.endsWith("a") ? "b" : "a");
        for (String garbage : new String[] {"", "trf_live_", "trf_live_short", "trf_test_" + good.substring(9), badChecksum,
                good + "x", "sk_live_" + good.substring(9)}) {
            assertThat(v.checkLocally(garbage)).as(garbage).isEqualTo(Rejected.MALFORMED);
        }
        assertThat(authority.calls).hasValue(0);
    }

    @Test
    void replicaKeysAreDecidedLocallyAndSuspensionIsReported() {
        ApiKeyVerifier v = verifier(100, 100);
        String active = secret();
        String suspended = secret();
        replica.offer(record("k1", active, 1, KeyStatus.ACTIVE));
        replica.offer(record("k2", suspended, 4, KeyStatus.SUSPENDED));
        assertThat(v.checkLocally(active)).isInstanceOf(Valid.class);
        assertThat(v.checkLocally(suspended)).isInstanceOf(Suspended.class);
        assertThat(authority.calls).hasValue(0);
    }

    @Test
    void aMissAsksKeyServiceOnceForAllWaitersAndAdmitsTheAnswer() {
        ApiKeyVerifier v = verifier(100, 100);
        String fresh = secret();
        List<Uni<KeyCheck>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(v.checkWithAuthority((Miss) v.checkLocally(fresh), CLIENT));
        }
        assertThat(authority.calls).as("single flight").hasValue(1);
        assertThat(authority.tokens).containsExactly("token-of-service:api-gateway");
        authority.answer(0, new KeyAuthorityPort.Found(record("k1", fresh, 1, KeyStatus.ACTIVE)));
        for (Uni<KeyCheck> w : waiting) {
            assertThat(await(w)).isInstanceOf(Valid.class);
        }
        assertThat(v.checkLocally(fresh)).as("now in the replica").isInstanceOf(Valid.class);
        assertThat(authority.calls).hasValue(1);
    }

    @Test
    void anUnknownKeyIsRememberedForTheNegativeTtlOnly() {
        ApiKeyVerifier v = verifier(100, 100);
        String unknown = secret();
        Uni<KeyCheck> first = v.checkWithAuthority((Miss) v.checkLocally(unknown), CLIENT);
        authority.answer(0, new KeyAuthorityPort.NotFound());
        assertThat(await(first)).isEqualTo(Rejected.UNKNOWN);
        assertThat(v.checkLocally(unknown)).isEqualTo(Rejected.UNKNOWN);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(v.checkLocally(unknown)).as("asked again after the TTL").isInstanceOf(Miss.class);
        assertThat(authority.calls).hasValue(1);
    }

    @Test
    void keyServiceDownMeansUnverifiableNotAnError() {
        ApiKeyVerifier v = verifier(100, 100);
        String unknown = secret();
        Uni<KeyCheck> check = v.checkWithAuthority((Miss) v.checkLocally(unknown), CLIENT);
        authority.answer(0, new KeyAuthorityPort.Unavailable("connection refused"));
        assertThat(await(check)).isEqualTo(Rejected.UNVERIFIABLE);
        assertThat(v.checkLocally(unknown)).isEqualTo(Rejected.UNVERIFIABLE);
        now.addAndGet(Duration.ofMillis(1_100).toNanos());
        assertThat(v.checkLocally(unknown)).isInstanceOf(Miss.class);
    }

    @Test
    void aSlowValidAnswerCannotReadmitAKeyRevokedWhileItWasInFlight() {
        ApiKeyVerifier v = verifier(100, 100);
        String secret = secret();
        KeyRecord before = record("k1", secret, 1, KeyStatus.ACTIVE);
        Uni<KeyCheck> inFlight = v.checkWithAuthority((Miss) v.checkLocally(secret), CLIENT);
        replica.revoke("k1"); // the tombstone arrives over Kafka meanwhile
        authority.answer(0, new KeyAuthorityPort.Found(before)); // then key-service's (older) answer
        assertThat(await(inFlight)).isEqualTo(Rejected.UNKNOWN);
        assertThat(v.checkLocally(secret)).isEqualTo(Rejected.UNKNOWN);
    }

    @Test
    void aSlowAnswerForTheOldSecretCannotReadmitItAfterRegeneration() {
        ApiKeyVerifier v = verifier(100, 100);
        String old = secret();
        String regenerated = secret();
        Uni<KeyCheck> inFlight = v.checkWithAuthority((Miss) v.checkLocally(old), CLIENT);
        replica.offer(record("k1", regenerated, 2, KeyStatus.ACTIVE));
        authority.answer(0, new KeyAuthorityPort.Found(record("k1", old, 1, KeyStatus.ACTIVE)));
        assertThat(await(inFlight)).isEqualTo(Rejected.UNKNOWN);
        assertThat(v.checkLocally(regenerated)).isInstanceOf(Valid.class);
    }

    @Test
    void aSecretSeenRegeneratedOrRevokedIsRefusedWithoutAskingKeyService() {
        ApiKeyVerifier v = verifier(100, 100);
        String old = secret();
        String regenerated = secret();
        String revoked = secret();
        replica.offer(record("k1", old, 1, KeyStatus.ACTIVE));
        replica.offer(record("k1", regenerated, 2, KeyStatus.ACTIVE));
        replica.offer(record("k2", revoked, 1, KeyStatus.ACTIVE));
        replica.revoke("k2");
        replicaTrusted.set(false); // even a replica that may be behind knows a retired secret is dead for good
        assertThat(v.checkLocally(old)).isEqualTo(Rejected.UNKNOWN);
        assertThat(v.checkLocally(revoked)).isEqualTo(Rejected.UNKNOWN);
        assertThat(authority.calls).hasValue(0);
        assertThat(v.checkLocally(regenerated)).as("the current secret of an untrusted replica is still confirmed")
                .isInstanceOf(Miss.class);
    }

    @Test
    void aRecordForAnotherHashIsNotTakenForThisOne() {
        ApiKeyVerifier v = verifier(100, 100);
        String asked = secret();
        Uni<KeyCheck> check = v.checkWithAuthority((Miss) v.checkLocally(asked), CLIENT);
        authority.answer(0, new KeyAuthorityPort.Found(record("k1", secret(), 1, KeyStatus.ACTIVE)));
        assertThat(await(check)).isEqualTo(Rejected.UNKNOWN);
    }

    @Test
    void theLookupBudgetCapsWhatAFloodOfMadeUpKeysCanCostKeyService() {
        ApiKeyVerifier v = verifier(1, 5);
        for (int i = 0; i < 200; i++) {
            KeyCheck c = v.checkLocally(secret());
            v.checkWithAuthority((Miss) c, CLIENT);
        }
        assertThat(authority.calls).hasValue(5);
    }

    @Test
    void oneClientsFloodSpendsItsOwnShareAndLeavesTheBudgetToOthers() {
        ApiKeyVerifier v = verifier(100, 100, 1, 5);
        for (int i = 0; i < 200; i++) {
            v.checkWithAuthority((Miss) v.checkLocally(secret()), "198.51.100.66");
        }
        assertThat(authority.calls).as("the flooding address got its share only").hasValue(5);
        String fresh = secret(); // created a moment ago, not in the replica yet, asked about from another address
        Uni<KeyCheck> check = v.checkWithAuthority((Miss) v.checkLocally(fresh), CLIENT);
        assertThat(authority.calls).hasValue(6);
        authority.answer(5, new KeyAuthorityPort.Found(record("k-fresh", fresh, 1, KeyStatus.ACTIVE)));
        assertThat(await(check)).isInstanceOf(Valid.class);
    }

    @Test
    void whileTheReplicaIsNotTrustedAHitIsConfirmedWithKeyServiceAndAKeyItNoLongerKnowsIsRefused() {
        ApiKeyVerifier v = verifier(100, 100);
        String kept = secret();
        String revoked = secret();
        replica.offer(record("k1", kept, 1, KeyStatus.ACTIVE));
        replica.offer(record("k2", revoked, 1, KeyStatus.ACTIVE)); // revoked at key-service; the replica missed it
        replicaTrusted.set(false);

        KeyCheck first = v.checkLocally(kept);
        assertThat(first).as("a hit is not enough").isInstanceOf(Miss.class);
        Uni<KeyCheck> confirmed = v.checkWithAuthority((Miss) first, CLIENT);
        authority.answer(0, new KeyAuthorityPort.Found(record("k1", kept, 1, KeyStatus.ACTIVE)));
        assertThat(await(confirmed)).isInstanceOf(Valid.class);
        assertThat(v.checkLocally(kept)).as("confirmed a moment ago").isInstanceOf(Valid.class);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(v.checkLocally(kept)).as("and asked again after a while").isInstanceOf(Miss.class);

        Uni<KeyCheck> refused = v.checkWithAuthority((Miss) v.checkLocally(revoked), CLIENT);
        authority.answer(1, new KeyAuthorityPort.NotFound());
        assertThat(await(refused)).isEqualTo(Rejected.UNKNOWN);
        assertThat(v.checkLocally(revoked)).as("remembered, not asked again").isEqualTo(Rejected.UNKNOWN);
        assertThat(authority.calls).hasValue(2);

        replicaTrusted.set(true);
        assertThat(v.checkLocally(kept)).isInstanceOf(Valid.class);
    }
}
