package com.truffle.keys.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.out.CompanyAccessPort;
import com.truffle.keys.application.port.out.IssueSecretPort;
import com.truffle.keys.application.port.out.KeyAuditPort;
import com.truffle.keys.application.port.out.LoadKeyPort;
import com.truffle.keys.application.port.out.PublishKeyEventPort;
import com.truffle.keys.application.port.out.SaveKeyPort;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import com.truffle.keys.domain.IssuedSecret;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyEvent;
import com.truffle.keys.domain.KeyId;
import com.truffle.keys.domain.KeyKind;
import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.keys.domain.KeyStatus;
import io.smallrye.mutiny.Uni;

/**
 * In-memory fakes of the out-ports, for the use cases' plain JUnit tests. Keys are kept as rows (copies), as the
 * database keeps them: a change counts once it was saved. Events go to an outbox ({@link #published}); a flush
 * sends what is in it ({@link #sent()}).
 */
final class InMemoryPorts implements CompanyAccessPort, LoadKeyPort, SaveKeyPort, IssueSecretPort, KeyAuditPort,
        PublishKeyEventPort {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final Map<CompanyId, CompanyAccess> access = new HashMap<>();
    final Map<KeyId, ApiKey> keys = new LinkedHashMap<>();
    final List<KeyAuditEntry> audit = new ArrayList<>();
    final List<KeyEvent> published = new ArrayList<>();
    final List<String> issuedSecrets = new ArrayList<>();
    /** Looks at the company's access (locked or not): input must be checked before any. */
    int accessLookups;
    int flushes;
    private int sentUpTo;

    /** The wired use cases, as CDI would make them. */
    CreateKeyService createKey(int maxActivePerCompany) {
        CreateKeyService s = new CreateKeyService();
        s.access = this;
        s.keys = this;
        s.save = this;
        s.secrets = this;
        s.changes = changes();
        s.clock = CLOCK;
        s.limits = new KeyLimits(maxActivePerCompany);
        s.entitlements = new LocalEntitlements();
        s.entitlements.access = this;
        return s;
    }

    ChangeKeyService changeKey() {
        ChangeKeyService s = new ChangeKeyService();
        s.keys = this;
        s.save = this;
        s.secrets = this;
        s.changes = changes();
        s.clock = CLOCK;
        return s;
    }

    PartnerKeyService partnerKey() {
        PartnerKeyService s = new PartnerKeyService();
        s.access = this;
        s.keys = this;
        s.save = this;
        s.secrets = this;
        s.changes = changes();
        s.clock = CLOCK;
        return s;
    }

    QueryKeysService queryKeys() {
        QueryKeysService s = new QueryKeysService();
        s.keys = this;
        s.audit = this;
        return s;
    }

    ApplyAccessChangeService applyAccessChange() {
        ApplyAccessChangeService s = new ApplyAccessChangeService();
        s.access = this;
        s.keys = this;
        s.save = this;
        s.changes = changes();
        s.clock = CLOCK;
        return s;
    }

    private KeyChanges changes() {
        KeyChanges c = new InMemoryKeyChanges();
        c.audit = this;
        c.events = this;
        c.clock = CLOCK;
        return c;
    }

    /**
     * {@link KeyChanges} without the database transaction it opens with Panache (which needs a running Quarkus): here
     * a change is committed when its Uni completes; then, as there, what it published is flushed. Recording the audit
     * line and the event is the real code.
     */
    static final class InMemoryKeyChanges extends KeyChanges {
        @Override
        <T> Uni<T> committedAndSent(Supplier<Uni<T>> change) {
            return Uni.createFrom().<T>deferred(change::get).call(events::flush);
        }
    }

    /**
     * {@link Entitlements} for an actor without a credential, who is never confirmed with access-request-service: the
     * local view. (The real one reads it in a Panache session, which needs a running Quarkus.)
     */
    static final class LocalEntitlements extends Entitlements {
        @Override
        Uni<CompanyAccess> current(CompanyId companyId, Actor actor) {
            if (actor != null && actor.credential() != null) {
                throw new UnsupportedOperationException("asking access-request-service is not faked here");
            }
            return access.load(companyId);
        }
    }

    /** The rule a refused call broke. */
    static KeyRuleViolation.Rule refusal(Runnable call) {
        return violation(call).rule();
    }

    static KeyRuleViolation violation(Runnable call) {
        try {
            call.run();
        } catch (KeyRuleViolation e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    /** The peppered hash the fake issuer stores for a secret. */
    static String hashOf(String plaintext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("pepper:" + plaintext).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The events a flush sent (after their change committed). */
    List<KeyEvent> sent() {
        return published.subList(0, sentUpTo);
    }

    ApiKey stored(KeyId id) {
        return keys.get(id);
    }

    void entitle(CompanyId companyId, String plan, String accessStatus) {
        access.put(companyId, new CompanyAccess(companyId, plan, accessStatus));
    }

    // company access
    @Override
    public Uni<CompanyAccess> lock(CompanyId companyId) {
        accessLookups++;
        return Uni.createFrom().item(access.computeIfAbsent(companyId, CompanyAccess::unknown));
    }

    @Override
    public Uni<Void> save(CompanyAccess entitlement) {
        access.put(entitlement.companyId(), entitlement);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<CompanyAccess> load(CompanyId companyId) {
        accessLookups++;
        return Uni.createFrom().item(access.getOrDefault(companyId, CompanyAccess.unknown(companyId)));
    }

    // keys
    @Override
    public Uni<Optional<ApiKey>> byId(KeyId id) {
        return Uni.createFrom().item(Optional.ofNullable(keys.get(id)).map(ApiKey::snapshot));
    }

    @Override
    public Uni<Optional<ApiKey>> byHash(String secretHash) {
        return Uni.createFrom().item(keys.values().stream()
                .filter(k -> k.secretHash().equals(secretHash) && k.status() != KeyStatus.REVOKED).findFirst().map(ApiKey::snapshot));
    }

    @Override
    public Uni<List<ApiKey>> ofCompany(CompanyId companyId) {
        return Uni.createFrom().item(keys.values().stream()
                .filter(k -> k.companyId().equals(companyId) && k.status() != KeyStatus.REVOKED)
                .sorted(Comparator.comparing(ApiKey::createdAt).reversed()).map(ApiKey::snapshot).toList());
    }

    @Override
    public Uni<Long> countLiveKeys(CompanyId companyId) {
        return Uni.createFrom().item(keys.values().stream()
                .filter(k -> k.companyId().equals(companyId) && k.kind() == KeyKind.LIVE && k.status() != KeyStatus.REVOKED).count());
    }

    @Override
    public Uni<Optional<ApiKey>> partnerKey(CompanyId companyId) {
        return Uni.createFrom().item(keys.values().stream()
                .filter(k -> k.companyId().equals(companyId) && k.kind() == KeyKind.ASHBY && k.status() != KeyStatus.REVOKED)
                .findFirst().map(ApiKey::snapshot));
    }

    @Override
    public Uni<Void> insert(ApiKey key) {
        if (keys.containsKey(key.id())) {
            throw new IllegalStateException("duplicate key id " + key.id());
        }
        keys.put(key.id(), key.snapshot());
        return Uni.createFrom().voidItem();
    }

    /** As the adapter: every field but last_used_at, which only {@link #recordUse} moves. */
    @Override
    public Uni<Void> update(ApiKey k) {
        ApiKey row = keys.get(k.id());
        if (row == null) {
            throw new IllegalStateException("no key " + k.id());
        }
        keys.put(k.id(), new ApiKey(k.id(), k.companyId(), k.kind(), k.permission(), k.name(), k.description(), k.secretHash(),
                k.prefix(), k.last4(), k.status(), k.createdBy(), k.createdAt(), k.updatedAt(), k.regeneratedAt(), k.revokedAt(),
                row.lastUsedAt(), k.version()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> recordUse(KeyId keyId, Instant lastUsedAt) {
        // as the adapter: last_used_at only ever moves forward; an unknown key changes nothing
        ApiKey k = keys.get(keyId);
        if (k != null && (k.lastUsedAt() == null || k.lastUsedAt().isBefore(lastUsedAt))) {
            keys.put(keyId, new ApiKey(k.id(), k.companyId(), k.kind(), k.permission(), k.name(), k.description(), k.secretHash(),
                    k.prefix(), k.last4(), k.status(), k.createdBy(), k.createdAt(), k.updatedAt(), k.regeneratedAt(),
                    k.revokedAt(), lastUsedAt, k.version()));
        }
        return Uni.createFrom().voidItem();
    }

    // secrets: deterministic, hashed with a "pepper"
    @Override
    public IssuedSecret issue(KeyKind kind) {
        String plaintext = (kind == KeyKind.ASHBY ? "trf_ashby_" : "trf_live_") + "secret" + (issuedSecrets.size() + 1) + "xYz9";
        issuedSecrets.add(plaintext);
        return new IssuedSecret(plaintext, hashOf(plaintext), plaintext.substring(0, plaintext.indexOf('_', 4) + 5),
                plaintext.substring(plaintext.length() - 4));
    }

    // audit
    @Override
    public Uni<Void> record(KeyAuditEntry entry) {
        audit.add(entry);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<KeyAuditEntry>> trail(KeyId keyId) {
        return Uni.createFrom().item(audit.stream().filter(e -> e.keyId().equals(keyId)).toList());
    }

    // events
    @Override
    public Uni<Void> publish(KeyEvent event) {
        published.add(event);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> flush() {
        flushes++;
        sentUpTo = published.size();
        return Uni.createFrom().voidItem();
    }
}
