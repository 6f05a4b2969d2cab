package com.truffle.gateway.support;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.KeyKind;
import com.truffle.platform.apikeys.KeyStateSignature;
import io.vertx.core.json.JsonObject;

/** A key as key-service would issue it: a real secret, its peppered hash, and its key-state record. */
public record TestApiKey(String keyId, String companyId, String permission, String secret, String hashHex, long version,
        String status) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static TestApiKey live(String companyId, String permission) {
        return issue(companyId, permission, KeyKind.LIVE);
    }

    public static TestApiKey ashby(String companyId) {
        return issue(companyId, "PARTNER_ASHBY", KeyKind.ASHBY);
    }

    private static TestApiKey issue(String companyId, String permission, KeyKind kind) {
        String secret = ApiKeyFormat.generate(kind, RANDOM);
        return new TestApiKey(UUID.randomUUID().toString(), companyId, permission, secret,
                GatewayTestResource.hasher().hashHex(secret), 1, "ACTIVE");
    }

    /** The same key regenerated: new secret and hash, next version. */
    public TestApiKey regenerated() {
        KeyKind kind = secret.startsWith(KeyKind.ASHBY.prefix()) ? KeyKind.ASHBY : KeyKind.LIVE;
        String next = ApiKeyFormat.generate(kind, RANDOM);
        return new TestApiKey(keyId, companyId, permission, next, GatewayTestResource.hasher().hashHex(next), version + 1, status);
    }

    public TestApiKey withStatus(String newStatus) {
        return new TestApiKey(keyId, companyId, permission, secret, hashHex, version + 1, newStatus);
    }

    public String kind() {
        return "PARTNER_ASHBY".equals(permission) ? "ASHBY" : "LIVE";
    }

    /** The key-state record (docs/contracts.md), signed as key-service signs it. */
    public String recordJson() {
        return recordJson(GatewayTestResource.keyStateSignature());
    }

    /** The record signed by {@code signer}: another pepper than the gateway's is a forgery. */
    public String recordJson(KeyStateSignature signer) {
        JsonObject r = unsignedRecord();
        return r.put(KeyStateSignature.FIELD, signer.sign(r.getMap())).encode();
    }

    /** The record as a producer without the pepper would write it: no signature. */
    public JsonObject unsignedRecord() {
        return new JsonObject().put("key_id", keyId).put("company_id", companyId).put("kind", kind()).put("permission", permission)
                .put("secret_hash", hashHex).put("status", status).put("version", version).put("updated_at", Instant.now().toString());
    }

    public String bearer() {
        return "Bearer " + secret;
    }

    @Override
    public String toString() {
        return permission + " key of " + companyId;
    }
}
