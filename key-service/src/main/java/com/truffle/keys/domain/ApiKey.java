package com.truffle.keys.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An API key. Only the peppered hash of its secret is held; the plaintext exists once, at creation or
 * regeneration, in the {@link IssuedSecret} handed back to the caller. Every change bumps {@code version},
 * which the gateway uses to never re-admit an older state of the key.
 */
public final class ApiKey {

    public static final int NAME_MAX = 100;
    public static final int DESCRIPTION_MAX = 500;

    private final KeyId id;
    private final CompanyId companyId;
    private final KeyKind kind;
    private final Permission permission;
    private final String createdBy;
    private final Instant createdAt;
    private String name;
    private String description;
    private String secretHash;
    private String prefix;
    private String last4;
    private KeyStatus status;
    private Instant updatedAt;
    private Instant regeneratedAt;
    private Instant revokedAt;
    private Instant lastUsedAt;
    private long version;

    public ApiKey(KeyId id, CompanyId companyId, KeyKind kind, Permission permission, String name, String description,
            String secretHash, String prefix, String last4, KeyStatus status, String createdBy, Instant createdAt,
            Instant updatedAt, Instant regeneratedAt, Instant revokedAt, Instant lastUsedAt, long version) {
        this.id = Objects.requireNonNull(id);
        this.companyId = Objects.requireNonNull(companyId);
        this.kind = Objects.requireNonNull(kind);
        this.permission = Objects.requireNonNull(permission);
        this.name = name;
        this.description = description;
        this.secretHash = Objects.requireNonNull(secretHash);
        this.prefix = prefix;
        this.last4 = last4;
        this.status = Objects.requireNonNull(status);
        this.createdBy = createdBy;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = updatedAt;
        this.regeneratedAt = regeneratedAt;
        this.revokedAt = revokedAt;
        this.lastUsedAt = lastUsedAt;
        this.version = version;
    }

    /** A new working key. The caller has checked that the company may have one (see {@link CompanyAccess}). */
    public static ApiKey create(CompanyId companyId, String name, String description, Permission permission,
            IssuedSecret secret, String actor, Instant now) {
        Objects.requireNonNull(permission, "permission");
        String cleanName = validName(name);
        String cleanDescription = validDescription(description);
        return new ApiKey(KeyId.random(), companyId, permission.kind(), permission, cleanName, cleanDescription,
                secret.hash(), secret.prefix(), secret.last4(), KeyStatus.ACTIVE, actor, now, now, null, null, null, 1);
    }

    /** Rename and/or re-describe; {@code null} leaves a field as it is, an empty description clears it. */
    public boolean update(String newName, String newDescription, Instant now) {
        requireNotRevoked();
        String n = newName == null ? name : validName(newName);
        String d = newDescription == null ? description : validDescription(newDescription);
        if (Objects.equals(n, name) && Objects.equals(d, description)) {
            return false;
        }
        name = n;
        description = d;
        touch(now);
        return true;
    }

    /** A new secret for the same key: the old hash is gone the moment this commits. */
    public void regenerate(IssuedSecret secret, Instant now) {
        requireNotRevoked();
        secretHash = secret.hash();
        prefix = secret.prefix();
        last4 = secret.last4();
        regeneratedAt = now;
        touch(now);
    }

    public void revoke(Instant now) {
        requireNotRevoked();
        status = KeyStatus.REVOKED;
        revokedAt = now;
        touch(now);
    }

    /** Brings the key in line with what the company's entitlement allows; true if its status changed. */
    public boolean reconcile(CompanyAccess access, Instant now) {
        if (status == KeyStatus.REVOKED) {
            return false;
        }
        KeyStatus wanted = access.allows(kind) ? KeyStatus.ACTIVE : KeyStatus.SUSPENDED;
        if (wanted == status) {
            return false;
        }
        status = wanted;
        touch(now);
        return true;
    }

    private void touch(Instant now) {
        updatedAt = now;
        version++;
    }

    private void requireNotRevoked() {
        if (status == KeyStatus.REVOKED) {
            throw new KeyRuleViolation(KeyRuleViolation.Rule.REVOKED, "This key was revoked.");
        }
    }

    public static String validName(String name) {
        List<KeyRuleViolation.FieldProblem> problems = new ArrayList<>();
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            problems.add(new KeyRuleViolation.FieldProblem("name", "must not be blank"));
        } else if (clean.length() > NAME_MAX) {
            problems.add(new KeyRuleViolation.FieldProblem("name", "must be at most " + NAME_MAX + " characters"));
        } else if (clean.chars().anyMatch(Character::isISOControl)) {
            problems.add(new KeyRuleViolation.FieldProblem("name", "must not contain control characters"));
        }
        if (!problems.isEmpty()) {
            throw new KeyRuleViolation(KeyRuleViolation.Rule.INVALID, "The key name is not valid.", problems);
        }
        return clean;
    }

    public static String validDescription(String description) {
        if (description == null) {
            return null;
        }
        String clean = description.strip();
        if (clean.length() > DESCRIPTION_MAX) {
            throw new KeyRuleViolation(KeyRuleViolation.Rule.INVALID, "The description is too long.",
                    List.of(new KeyRuleViolation.FieldProblem("description", "must be at most " + DESCRIPTION_MAX + " characters")));
        }
        return clean.isEmpty() ? null : clean;
    }

    public KeyId id() {
        return id;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public KeyKind kind() {
        return kind;
    }

    public Permission permission() {
        return permission;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String secretHash() {
        return secretHash;
    }

    public String prefix() {
        return prefix;
    }

    public String last4() {
        return last4;
    }

    public KeyStatus status() {
        return status;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant regeneratedAt() {
        return regeneratedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public long version() {
        return version;
    }

    /** A frozen copy, for events that must show the state at the moment they happened. */
    public ApiKey snapshot() {
        return new ApiKey(id, companyId, kind, permission, name, description, secretHash, prefix, last4, status,
                createdBy, createdAt, updatedAt, regeneratedAt, revokedAt, lastUsedAt, version);
    }
}
