package com.truffle.gateway.domain.key;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * A key's verification record, as key-service publishes it on {@code truffle.keys.state.v1} and answers it on
 * {@code POST /internal/keys/verify} (docs/contracts.md). {@code version} grows by one on every change.
 */
public record KeyRecord(String keyId, String companyId, KeyKind kind, Permission permission, SecretHash secretHash,
        KeyStatus status, long version, Instant updatedAt) {

    public KeyRecord {
        Objects.requireNonNull(keyId, "key_id");
        Objects.requireNonNull(companyId, "company_id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(secretHash, "secret_hash");
        Objects.requireNonNull(status, "status");
        if (keyId.isBlank() || companyId.isBlank()) {
            throw new IllegalArgumentException("key_id and company_id must not be blank");
        }
        if ((kind == KeyKind.ASHBY) != (permission == Permission.PARTNER_ASHBY)) {
            throw new IllegalArgumentException("an ASHBY key carries PARTNER_ASHBY and only it");
        }
    }

    /**
     * The record from the contract's JSON fields ({@code key_id, company_id, kind, permission, secret_hash, status,
     * version, updated_at}); unknown fields are ignored, so key-service may add some.
     *
     * @throws IllegalArgumentException naming the first missing or invalid field
     */
    public static KeyRecord fromContract(Map<String, ?> fields) {
        String keyId = text(fields, "key_id");
        String companyId = text(fields, "company_id");
        KeyKind kind = enumOf(KeyKind.class, text(fields, "kind"), "kind");
        Permission permission = Permission.parse(text(fields, "permission"));
        if (permission == null) {
            throw new IllegalArgumentException("permission: unknown value");
        }
        SecretHash hash = SecretHash.ofHex(text(fields, "secret_hash"));
        KeyStatus status = enumOf(KeyStatus.class, text(fields, "status"), "status");
        Object v = fields.get("version");
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("version: a number is required");
        }
        Instant updatedAt = null;
        Object u = fields.get("updated_at");
        if (u != null) {
            try {
                updatedAt = Instant.parse(u.toString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("updated_at: not an ISO-8601 instant");
            }
        }
        return new KeyRecord(keyId, companyId, kind, permission, hash, status, n.longValue(), updatedAt);
    }

    public boolean isActive() {
        return status == KeyStatus.ACTIVE;
    }

    private static String text(Map<String, ?> fields, String name) {
        Object v = fields.get(name);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
        return v.toString();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": unknown value");
        }
    }
}
