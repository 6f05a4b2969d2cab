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
import com.truffle.gateway.domain.access.Identity;
import com.truffle.gateway.domain.access.TokenBucket;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.SecretHash;
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
 *   <li>on a miss, key-service, once per hash however many requests wait for it (single flight), within a
 *       global lookup budget, and its answer goes through the replica's version rule, so a key revoked or
 *       regenerated meanwhile is not re-admitted.</li>
 * </ol>
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
            return !key.kind().name().equals(kind.get().name()) ? Rejected.UNKNOWN : classify(key);
        }
        Remembered remembered = negative.get(hash);
        if (remembered != null) {
            if (remembered.untilNanos() - nanoTime.getAsLong() > 0) {
                return remembered.answer();
            }
            negative.remove(hash, remembered);
        }
        return new Miss(hash);
    }

    /** Asks key-service about a miss: one call per hash at a time; never fails. */
    public Uni<KeyCheck> checkWithAuthority(Miss miss) {
        SecretHash hash = miss.hash();
        CompletableFuture<KeyCheck> running = inFlight.get(hash);
        if (running == null) {
            CompletableFuture<KeyCheck> mine = new CompletableFuture<>();
            running = inFlight.putIfAbsent(hash, mine);
            if (running == null) {
                running = mine;
                start(hash, mine);
            }
        }
        return Uni.createFrom().completionStage(running);
    }

    private void start(SecretHash hash, CompletableFuture<KeyCheck> result) {
        if (lookupBudget.tryTake(nanoTime.getAsLong()) > 0) {
            // a flood of made-up well-formed keys: key-service is not asked, and nothing is remembered
            finish(hash, result, Rejected.UNVERIFIABLE);
            return;
        }
        Uni<Answer> call;
        try {
            call = authority.verify(hash, tokens.tokenFor(Identity.GATEWAY));
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
            return current == null ? remember(hash, Rejected.UNKNOWN, settings.negativeTtl().toNanos()) : classify(current);
        }
        if (answer instanceof NotFound) {
            return remember(hash, Rejected.UNKNOWN, settings.negativeTtl().toNanos());
        }
        return remember(hash, Rejected.UNVERIFIABLE, settings.unavailableTtl().toNanos());
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
