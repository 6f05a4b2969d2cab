package com.truffle.keys.application.port.in;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.truffle.keys.domain.ApiKey;
import com.truffle.platform.apikeys.KeyStateHeader;
import com.truffle.platform.apikeys.KeyStateSignature;

/**
 * What the gateway needs to verify a key, and nothing more (the KeyState contract), signed by key-service
 * ({@link KeyStateSignature}): on the compacted key-state topic, in the answer to the gateway's miss lookup, and in
 * the {@code X-Truffle-Key-State} header of a create, regenerate or revoke. A revoked key's record says
 * {@code REVOKED} and stays on the topic (compaction keeps the latest record of each key). Carries the secret's
 * peppered hash, never the secret.
 */
public record VerificationRecord(String keyId, String companyId, String kind, String permission, String secretHash, String status,
        long version, Instant updatedAt, String signature) {

    public static VerificationRecord of(ApiKey k, KeyStateSignature signer) {
        Map<String, Object> fields = fields(k.id().toString(), k.companyId().value(), k.kind().name(), k.permission().name(),
                k.secretHash(), k.status().name(), k.version());
        return new VerificationRecord(k.id().toString(), k.companyId().value(), k.kind().name(), k.permission().name(),
                k.secretHash(), k.status().name(), k.version(), k.updatedAt(), signer.sign(fields));
    }

    private static Map<String, Object> fields(String keyId, String companyId, String kind, String permission, String secretHash,
            String status, long version) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key_id", keyId);
        f.put("company_id", companyId);
        f.put("kind", kind);
        f.put("permission", permission);
        f.put("secret_hash", secretHash);
        f.put("status", status);
        f.put("version", version);
        return f;
    }

    /**
     * The value of the {@code X-Truffle-Key-State} header: this record as the contract's JSON, base64url. Every field
     * is an id, an enum name, hex, a number, an ISO instant or base64url, so the JSON needs no escaping.
     */
    public String header() {
        String json = "{\"key_id\":\"" + keyId + "\",\"company_id\":\"" + companyId + "\",\"kind\":\"" + kind
                + "\",\"permission\":\"" + permission + "\",\"secret_hash\":\"" + secretHash + "\",\"status\":\"" + status
                + "\",\"version\":" + version + (updatedAt == null ? "" : ",\"updated_at\":\"" + updatedAt + "\"")
                + ",\"signature\":\"" + signature + "\"}";
        return KeyStateHeader.encode(json);
    }

    @Override
    public String toString() {
        return "VerificationRecord[keyId=" + keyId + ", status=" + status + ", version=" + version + ", secretHash=<redacted>]";
    }
}
