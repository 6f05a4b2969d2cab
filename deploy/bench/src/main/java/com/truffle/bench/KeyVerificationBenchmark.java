package com.truffle.bench;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.truffle.gateway.application.port.out.KeyAuthorityPort;
import com.truffle.gateway.application.port.out.KeyStatePort;
import com.truffle.gateway.application.service.ApiKeyVerifier;
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

/**
 * The gateway's key-verification hot path, the very code it runs per request ({@link ApiKeyVerifier#checkLocally}):
 * format + CRC32 checksum, peppered HMAC-SHA256, replica lookup, over a replica of {@code keys} keys. Garbage keys
 * (bad checksums, wrong shapes) go through the same method; the replica and key-service ports count every lookup,
 * and a garbage run that caused one fails.
 */
public class KeyVerificationBenchmark {

    static final int SAMPLE = 1 << 12;

    /** The replica port, counting lookups (the benchmark thread is the only caller). */
    static final class CountingReplica implements KeyStatePort {
        final KeyReplica replica = new KeyReplica();
        long lookups;

        @Override
        public KeyRecord findByHash(SecretHash hash) {
            lookups++;
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
            return true;
        }
    }

    /** key-service, counting calls: never reached in these benchmarks. */
    static final class CountingAuthority implements KeyAuthorityPort {
        long calls;

        @Override
        public Uni<Answer> verify(SecretHash hash, String bearerToken) {
            calls++;
            return Uni.createFrom().item(new NotFound());
        }
    }

    @State(Scope.Thread)
    public static class Keys {
        @Param({"100000"})
        int replicaSize;

        CountingReplica replica;
        CountingAuthority authority;
        ApiKeyVerifier verifier;
        SecretHasher hasher;
        String[] valid;
        String[] garbage;
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            SecureRandom random = new SecureRandom();
            byte[] pepper = new byte[32];
            random.nextBytes(pepper);
            hasher = new SecretHasher(pepper);
            replica = new CountingReplica();
            authority = new CountingAuthority();
            valid = new String[SAMPLE];
            for (int k = 0; k < replicaSize; k++) {
                String secret = ApiKeyFormat.generate(com.truffle.platform.apikeys.KeyKind.LIVE, random);
                replica.replica.offer(new KeyRecord("key-" + k, "company-" + (k % 1000), KeyKind.LIVE, Permission.READ,
                        SecretHash.of(hasher.hash(secret)), KeyStatus.ACTIVE, 1, Instant.now()));
                if (k < SAMPLE) {
                    valid[k] = secret;
                }
            }
            garbage = new String[SAMPLE];
            for (int k = 0; k < SAMPLE; k++) {
                garbage[k] = garbage(k, random);
            }
            InternalTokenCache tokens = new InternalTokenCache((id, audiences, iat, exp) -> "t",
                    new InternalTokenSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), 10), Clock.systemUTC());
            verifier = new ApiKeyVerifier(replica, authority, hasher, tokens,
                    new KeyLookupSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), 100_000, new RateLimit(200, 400),
                            new RateLimit(20, 40), Duration.ofSeconds(1)));
            // sanity: the valid keys verify, the garbage does not reach a lookup
            if (!(verifier.checkLocally(valid[0]) instanceof Valid)) {
                throw new IllegalStateException("a replica key did not verify");
            }
            replica.lookups = 0;
        }

        static String garbage(int k, SecureRandom random) {
            String real = ApiKeyFormat.generate(k % 2 == 0 ? com.truffle.platform.apikeys.KeyKind.LIVE
                    : com.truffle.platform.apikeys.KeyKind.ASHBY, random);
            switch (k % 4) {
                case 0: // one character off (a typo): only the checksum can tell
                    char c = real.charAt(12);
                    return real.substring(0, 12) + (c == 'a' ? 'b' : 'a') + real.substring(13);
                case 1: // a made-up key of the right length
                    return real.substring(0, real.length() - 6) + "000000";
                case 2: // another vendor's key
                    return "sk_live_" + real.substring(9);
                default: // truncated
                    return real.substring(0, 20 + random.nextInt(10));
            }
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf("%n[lookups] replica lookups: %d, key-service calls: %d%n", replica.lookups, authority.calls);
        }
    }

    @State(Scope.Thread)
    public static class Garbage extends Keys {
        @TearDown(Level.Trial)
        public void noLookups() {
            if (replica.lookups != 0 || authority.calls != 0) {
                throw new IllegalStateException("garbage keys caused " + replica.lookups + " replica lookups and "
                        + authority.calls + " key-service calls");
            }
            System.out.printf("%n[lookups] garbage keys: 0 replica lookups, 0 key-service calls%n");
        }
    }

    /** A valid key from a 100k-key replica: checksum + HMAC + lookup. Goal ≥ 1M/s on one core. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object validKey(Keys s) {
        return s.verifier.checkLocally(s.valid[s.i++ & (SAMPLE - 1)]);
    }

    /** Garbage keys, per-call latency distribution. Goal p99 ≤ 20 µs with zero lookups. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object garbageKey(Garbage s) {
        return s.verifier.checkLocally(s.garbage[s.i++ & (SAMPLE - 1)]);
    }

    /** The parts, to see where the time goes: format + checksum only. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object checksumOnly(Keys s) {
        return ApiKeyFormat.kindOf(s.valid[s.i++ & (SAMPLE - 1)]);
    }

    /** ...and the peppered HMAC-SHA256 only. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] hmacOnly(Keys s) {
        return s.hasher.hash(s.valid[s.i++ & (SAMPLE - 1)]);
    }
}
