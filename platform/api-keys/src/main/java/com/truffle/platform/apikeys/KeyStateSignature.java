package com.truffle.platform.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * key-service's signature on a key's verification record (the KeyState contract): HMAC-SHA256 over the fields that
 * decide what a secret may do, with a key derived from the key pepper — which only key-service and the gateways hold.
 * The gateway takes a record, from the key-state topic, a miss lookup or a change's answer, only when it is signed:
 * whoever can write to the topic (a leaked producer credential) still cannot mint a key without the pepper.
 *
 * <p>The record carries it as {@code "signature": "hs256:<base64url>"}; signed are {@code key_id, company_id, kind,
 * permission, secret_hash, status, version}, one per line, in that order. Thread-safe.
 */
public final class KeyStateSignature {

    public static final String FIELD = "signature";
    static final String SCHEME = "hs256:";
    /** What the signing key is derived for: HMAC(pepper, label), so the pepper itself never signs anything. */
    static final String LABEL = "truffle.keys.state.v1 signature key";
    static final List<String> SIGNED = List.of("key_id", "company_id", "kind", "permission", "secret_hash", "status", "version");

    private final ThreadLocal<Mac> macs;

    public KeyStateSignature(SecretHasher pepper) {
        this.macs = SecretHasher.hmacPerThread(new SecretKeySpec(pepper.hash(LABEL), "HmacSHA256"));
    }

    /** The signature of these fields (the contract's names; values as they will be written). */
    public String sign(Map<String, ?> fields) {
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(canonical(fields)));
    }

    /** Whether {@code fields} carries a valid signature of its own signed fields. Never throws on bad input. */
    public boolean verify(Map<String, ?> fields) {
        Object presented = fields.get(FIELD);
        if (!(presented instanceof String s) || !s.startsWith(SCHEME)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(s.substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String canonical;
        try {
            canonical = canonical(fields);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(canonical));
    }

    static String canonical(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder("v1");
        for (String name : SIGNED) {
            Object v = fields.get(name);
            if (v == null) {
                throw new IllegalArgumentException(name + ": required");
            }
            String text = v instanceof Number n ? Long.toString(n.longValue()) : v.toString();
            if (text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(name + ": no line breaks");
            }
            b.append('\n').append(text);
        }
        return b.toString();
    }

    private byte[] mac(String canonical) {
        return macs.get().doFinal(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
