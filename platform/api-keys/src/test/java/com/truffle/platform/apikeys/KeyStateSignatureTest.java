package com.truffle.platform.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeyStateSignatureTest {

    final KeyStateSignature keyService = new KeyStateSignature(new SecretHasher(new byte[32]));

    static Map<String, Object> record() {
        Map<String, Object> r = new HashMap<>();
        r.put("key_id", "7d0e4a52-2f7e-4b0e-9c55-1f7d3c2b9a10");
        r.put("company_id", "acme");
        r.put("kind", "LIVE");
        r.put("permission", "READ");
        r.put("secret_hash", "ab".repeat(32));
        r.put("status", "ACTIVE");
        r.put("version", 3L);
        r.put("updated_at", "2026-12-02T10:00:00Z");
        return r;
    }

    Map<String, Object> signed() {
        Map<String, Object> r = record();
        r.put(KeyStateSignature.FIELD, keyService.sign(r));
        return r;
    }

    @Test
    void aRecordKeyServiceSignedVerifiesAndTheVersionMayArriveAsAnyNumber() {
        Map<String, Object> r = signed();
        assertThat(keyService.verify(r)).isTrue();
        r.put("version", 3); // as a JSON parser may hand it over
        assertThat(keyService.verify(r)).isTrue();
        r.put("updated_at", "later"); // not a field that decides anything
        assertThat(keyService.verify(r)).isTrue();
    }

    @Test
    void changingAnyDecidingFieldOrTheSignatureBreaksIt() {
        for (String field : KeyStateSignature.SIGNED) {
            Map<String, Object> r = signed();
            r.put(field, "version".equals(field) ? (Object) 4L : r.get(field) + "x");
            assertThat(keyService.verify(r)).as(field).isFalse();
        }
        Map<String, Object> r = signed();
        r.put(KeyStateSignature.FIELD, ((String) r.get(KeyStateSignature.FIELD)).replace('A', 'B').replace('a', 'b'));
        assertThat(keyService.verify(r)).isFalse();
    }

    @Test
    void unsignedMalformedOrForeignSignaturesAreRefusedWithoutThrowing() {
        Map<String, Object> r = record();
        assertThat(keyService.verify(r)).isFalse();
        r.put(KeyStateSignature.FIELD, "hs256:%%%");
        assertThat(keyService.verify(r)).isFalse();
        r.put(KeyStateSignature.FIELD, "rsa:abc");
        assertThat(keyService.verify(r)).isFalse();
        // a producer without the pepper signs with some other key: refused
        byte[] other = new byte[32];
        other[0] = 1;
        Map<String, Object> forged = record();
        forged.put(KeyStateSignature.FIELD, new KeyStateSignature(new SecretHasher(other)).sign(forged));
        assertThat(keyService.verify(forged)).isFalse();
        Map<String, Object> missing = signed();
        missing.remove("company_id");
        assertThat(keyService.verify(missing)).isFalse();
    }
}
