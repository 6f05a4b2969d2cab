package com.truffle.gateway.application.service;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.KeyAuthorityPort;
import com.truffle.gateway.application.port.out.KeyAuthorityPort.Answer;
import com.truffle.gateway.application.port.out.KeyAuthorityPort.Found;
import com.truffle.gateway.application.port.out.KeyAuthorityPort.NotFound;
import com.truffle.gateway.application.port.out.KeyStatePort;
import com.truffle.gateway.domain.access.ClientBuckets;
import com.truffle.gateway.domain.access.Identity;
import com.truffle.gateway.domain.access.TokenBucket;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.SecretHash;
import com.truffle.gateway.domain.routing.Upstream;
import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.KeyKind;
import com.truffle.platform.apikeys.SecretHasher;
import io.smallrye.mutiny.Uni;

/**
 * Verifies an API key's secret, cheapest step first:
 * <ol>
 *   <li>format and checksum, offline: garbage is rejected here, with no lookup at all;</li>
 *   <li>HMAC with the pepper, then the replica: the answer for every key the gateway has seen;</li>
 *   <li>the negative cache: a hash key-service recently called unknown is not asked about again;</li>
 *   <li>on a miss, key-service, once per hash however many requests wait for it (single flight), within the
 *       client's share of the lookup budget and the global budget, and its answer goes through the replica's version
 *       rule, so a key revoked or regenerated meanwhile is not re-admitted.</li>
 * </ol>
 * While the replica cannot be trusted (cut off from Kafka past its staleness bound, or the topic was repartitioned
 * under it), a hit is not enough: key-service, which is authoritative, confirms the key first (a confirmation holds
 * for {@code staleConfirmTtl}), so a key revoked meanwhile is refused within that bound.
 * Steps 1–3 are {@link #checkLocally}, synchronous and allocation-light: the hot path.
 */
@ApplicationScoped
public class ApiKeyVerifier {

    /** The result of a check. */
    public sealed interface KeyCheck {
    }

    public record Valid(KeyRecord key) implements KeyCheck {
    }

    public record Suspended(KeyRecord key) implements KeyCheck {
    }

    public enum Rejected implements KeyCheck {
        /** Not a Truffle key: wrong shape or checksum. */
        MALFORMED,
        /** Well formed but not valid: unknown, regenerated or revoked. */
        UNKNOWN,
        /** Not in the replica, and key-service could not confirm it (down, slow, or lookup budget spent). */
        UNVERIFIABLE
    }

    /** Not decided locally: {@link #checkWithAuthority} must ask key-service. */
    public record Miss(SecretHash hash) implements KeyCheck {
    }

    private record Remembered(Rejected answer, long untilNanos) {
    }

    private final KeyStatePort replica;
    private final KeyAuthorityPort authority;
    private final SecretHasher hasher;
    private final InternalTokenCache tokens;
    private final KeyLookupSettings settings;
    private final LongSupplier nanoTime;
    private final TokenBucket lookupBudget;
    private final ClientBuckets clientBudgets;
    private final ConcurrentHashMap<SecretHash, Long> confirmedUntil = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SecretHash, Remembered> negative = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SecretHash, CompletableFuture<KeyCheck>> inFlight = new ConcurrentHashMap<>();

    @Inject
    public ApiKeyVerifier(KeyStatePort replica, KeyAuthorityPort authority, SecretHasher hasher, InternalTokenCache tokens,
            KeyLookupSettings settings) {
        this(replica, authority, hasher, tokens, settings, System::nanoTime);
    }

    public ApiKeyVerifier(KeyStatePort replica, KeyAuthorityPort authority, SecretHasher hasher, InternalTokenCache tokens,
            KeyLookupSettings settings, LongSupplier nanoTime) {
        this.replica = replica;
        this.authority = authority;
        this.hasher = hasher;
        this.tokens = tokens;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.lookupBudget = new TokenBucket(settings.lookupBudget(), nanoTime.getAsLong());
        this.clientBudgets = new ClientBuckets(settings.perClientBudget(), settings.maxNegativeEntries());
    }

    /** Format, checksum, HMAC, replica, negative cache: everything but a call to key-service. */
    public KeyCheck checkLocally(String secret) {
        Optional<KeyKind> kind = ApiKeyFormat.kindOf(secret);
        if (kind.isEmpty()) {
            return Rejected.MALFORMED;
        }
        SecretHash hash = SecretHash.of(hasher.hash(secret));
        KeyRecord key = replica.findByHash(hash);
        if (key != null) {
            // the hash binds the prefix too; a record of the other kind would be a key-service bug: refuse it
            if (!key.kind().name().equals(kind.get().name())) {
                return Rejected.UNKNOWN;
            }
            if (replica.trusted() || recentlyConfirmed(hash)) {
                return classify(key);
            }
            // a replica that may be missing a revocation: key-service decides (what it said lately still stands)
            Rejected remembered = remembered(hash);
            return remembered != null ? remembered : new Miss(hash);
        }
        if (replica.isRetired(hash)) {
            return Rejected.UNKNOWN; // regenerated or revoked: refused for good, key-service need not be asked
        }
        Rejected remembered = remembered(hash);
        return remembered != null ? remembered : new Miss(hash);
    }

    private Rejected remembered(SecretHash hash) {
        Remembered remembered = negative.get(hash);
        if (remembered != null) {
            if (remembered.untilNanos() - nanoTime.getAsLong() > 0) {
                return remembered.answer();
            }
            negative.remove(hash, remembered);
        }
        return null;
    }

    private boolean recentlyConfirmed(SecretHash hash) {
        Long until = confirmedUntil.get(hash);
        if (until == null) {
            return false;
        }
        if (until - nanoTime.getAsLong() > 0) {
            return true;
        }
        confirmedUntil.remove(hash, until);
        return false;
    }

    /** Asks key-service about a miss for {@code client} (its address): one call per hash at a time; never fails. */
    public Uni<KeyCheck> checkWithAuthority(Miss miss, String client) {
        SecretHash hash = miss.hash();
        CompletableFuture<KeyCheck> running = inFlight.get(hash);
        if (running == null) {
            CompletableFuture<KeyCheck> mine = new CompletableFuture<>();
            running = inFlight.putIfAbsent(hash, mine);
            if (running == null) {
                running = mine;
                start(hash, client, mine);
            }
        }
        return Uni.createFrom().completionStage(running);
    }

    private void start(SecretHash hash, String client, CompletableFuture<KeyCheck> result) {
        long now = nanoTime.getAsLong();
        // a flood of made-up well-formed keys: key-service is not asked, and nothing is remembered. The client's own
        // share is spent first, so one address's flood leaves the global budget to everyone else
        if (clientBudgets.tryTake(client, now) > 0 || lookupBudget.tryTake(now) > 0) {
            finish(hash, result, Rejected.UNVERIFIABLE);
            return;
        }
        Uni<Answer> call;
        try {
            call = authority.verify(hash, tokens.tokenFor(Identity.GATEWAY, Upstream.KEY_SERVICE));
        } catch (RuntimeException e) {
            call = Uni.createFrom().item(new KeyAuthorityPort.Unavailable(e.toString()));
        }
        call.subscribe().with(
                answer -> finish(hash, result, settle(hash, answer)),
                failure -> finish(hash, result, settle(hash, new KeyAuthorityPort.Unavailable(failure.toString()))));
    }

    private void finish(SecretHash hash, CompletableFuture<KeyCheck> result, KeyCheck check) {
        // the outcome is in the replica or the negative cache before the flight ends: a later request finds it there
        inFlight.remove(hash, result);
        result.complete(check);
    }

    private KeyCheck settle(SecretHash hash, Answer answer) {
        if (answer instanceof Found found) {
            KeyRecord record = found.record();
            if (!record.secretHash().equals(hash)) {
                return remember(hash, Rejected.UNKNOWN, settings.negativeTtl().toNanos());
            }
            replica.admitConfirmed(record);
            // read back through the replica: if the key was revoked or replaced meanwhile, the hash is not there
            KeyRecord current = replica.findByHash(hash);
            if (current == null) {
                return remember(hash, Rejected.UNKNOWN, settings.negativeTtl().toNanos());
            }
            confirm(hash);
            return classify(current);
        }
        if (answer instanceof NotFound) {
            return remember(hash, Rejected.UNKNOWN, settings.negativeTtl().toNanos());
        }
        return remember(hash, Rejected.UNVERIFIABLE, settings.unavailableTtl().toNanos());
    }

    /** key-service said valid: while the replica is not trusted, that holds for a moment. */
    private void confirm(SecretHash hash) {
        if (confirmedUntil.size() >= settings.maxNegativeEntries()) {
            confirmedUntil.clear();
        }
        confirmedUntil.put(hash, nanoTime.getAsLong() + settings.staleConfirmTtl().toNanos());
    }

    private Rejected remember(SecretHash hash, Rejected answer, long ttlNanos) {
        if (negative.size() >= settings.maxNegativeEntries()) {
            long now = nanoTime.getAsLong();
            negative.values().removeIf(r -> r.untilNanos() - now <= 0);
            if (negative.size() >= settings.maxNegativeEntries()) {
                negative.clear(); // bounded memory; the lookup budget still protects key-service
            }
        }
        negative.put(hash, new Remembered(answer, nanoTime.getAsLong() + ttlNanos));
        return answer;
    }

    private static KeyCheck classify(KeyRecord key) {
        return key.isActive() ? new Valid(key) : new Suspended(key);
    }
}
