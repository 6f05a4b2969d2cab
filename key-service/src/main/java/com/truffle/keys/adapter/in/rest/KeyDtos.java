package com.truffle.keys.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.keys.domain.ApiKey;
import com.truffle.keys.domain.KeyAuditEntry;
import com.truffle.keys.domain.KeyWithSecret;

/** Bodies on the wire (snake_case). The secret appears in exactly two answers: create and regenerate. */
final class KeyDtos {

    /** Integration keys only: READ, WRITE or ADMIN (partner keys come from the Ashby integration). */
    enum LivePermission { READ, WRITE, ADMIN }

    record CreateKeyBody(@NotBlank @Size(max = ApiKey.NAME_MAX) String name,
            @Size(max = ApiKey.DESCRIPTION_MAX) String description,
            @NotNull LivePermission permission) {
    }

    record UpdateKeyBody(@Size(min = 1, max = ApiKey.NAME_MAX) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Size(max = ApiKey.DESCRIPTION_MAX) String description) {
    }

    record VerifyBody(@NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex characters") String secretHash) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyView(String id, String name, String description, String permission, String prefix, String last4, String status,
            Instant createdAt, Instant updatedAt, Instant regeneratedAt, Instant lastUsedAt) {

        static KeyView of(ApiKey k) {
            return new KeyView(k.id().toString(), k.name(), k.description(), k.permission().name(), k.prefix(), k.last4(),
                    k.status().name(), k.createdAt(), k.updatedAt(), k.regeneratedAt(), k.lastUsedAt());
        }
    }

    /** The only shape that carries a secret: the answer to create and regenerate. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyWithSecretView(String id, String name, String description, String permission, String prefix, String last4,
            String status, Instant createdAt, Instant regeneratedAt, String secret) {

        static KeyWithSecretView of(KeyWithSecret ks) {
            ApiKey k = ks.key();
            return new KeyWithSecretView(k.id().toString(), k.name(), k.description(), k.permission().name(), k.prefix(),
                    k.last4(), k.status().name(), k.createdAt(), k.regeneratedAt(), ks.secret().plaintext());
        }

        @Override
        public String toString() {
            return "KeyWithSecretView[id=" + id + ", prefix=" + prefix + ", last4=" + last4 + ", secret=<redacted>]";
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyList(List<KeyView> data, String nextCursor) {
    }

    record AuditView(String action, String actor, String requestId, Instant at) {
        static AuditView of(KeyAuditEntry e) {
            return new AuditView(e.action(), e.actor(), e.requestId(), e.at());
        }
    }

    record AuditList(List<AuditView> data) {
    }

    private KeyDtos() {
    }
}
