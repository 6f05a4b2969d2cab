package com.truffle.platform.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a secret with a server-side pepper: the only form of a key ever stored or sent between
 * services. A stolen database alone cannot be used to test guesses (the pepper lives in configuration).
 * Thread-safe; one Mac per thread.
 */
public final class SecretHasher {

    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> macs;

    /** @param pepper at least 32 bytes */
    public SecretHasher(byte[] pepper) {
        if (pepper == null || pepper.length < 32) {
            throw new IllegalArgumentException("the key pepper must be at least 32 bytes");
        }
        this.macs = hmacPerThread(new SecretKeySpec(pepper.clone(), "HmacSHA256"));
    }

    /** The pepper as configured: base64 (what the stack generates) or, failing that, the UTF-8 bytes of the text. */
    public static SecretHasher fromConfig(String pepper) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(pepper.trim());
        } catch (IllegalArgumentException notBase64) {
            bytes = pepper.getBytes(StandardCharsets.UTF_8);
        }
        return new SecretHasher(bytes);
    }

    public byte[] hash(CharSequence secret) {
        Mac mac = macs.get();
        byte[] input = new byte[secret.length()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) secret.charAt(i); // keys are ASCII (checked by ApiKeyFormat before hashing)
        }
        return mac.doFinal(input);
    }

    public String hashHex(CharSequence secret) {
        return HEX.formatHex(hash(secret));
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    public static String toHex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Constant-time equality of two hashes. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** One HMAC-SHA256 per thread under {@code key} ({@link Mac} is not thread-safe; making one per call is slow). */
    static ThreadLocal<Mac> hmacPerThread(SecretKeySpec key) {
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
