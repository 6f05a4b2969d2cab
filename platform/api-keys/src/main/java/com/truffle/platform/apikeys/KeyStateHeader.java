package com.truffle.platform.apikeys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The key's new verification record, on key-service's answer to a regenerate or revoke (the KeyState contract's
 * JSON, base64url): the gateway that forwards the answer applies it to its replica <em>before</em> the admin gets
 * the answer, so the old secret is refused there the moment the admin reads "regenerated", not a few milliseconds
 * later when the key-state topic catches up. The gateway removes it from every answer it forwards.
 */
public final class KeyStateHeader {

    public static final String NAME = "X-Truffle-Key-State";

    public static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code value} is not base64url */
    public static String decode(String value) {
        return new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8);
    }

    private KeyStateHeader() {
    }
}
