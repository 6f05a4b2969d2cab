package com.truffle.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets a service must keep and use again (a customer's Ashby key, a webhook signing secret) are stored sealed:
 * AES-256-GCM with a fresh random 12-byte nonce per sealing, and a context (e.g. the owning company and record) as
 * associated data, so a sealed value copied to another row does not open. Sealed form: version byte (1), nonce,
 * ciphertext with its 16-byte tag. The key (base64 of 32 bytes) comes from configuration and is never printed.
 */
public final class SecretBox {

    public static final byte VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TEXT_PREFIX = "sealed:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param setting the configuration property's name, for the error message (the key itself is never shown) */
    public SecretBox(String base64Key, String setting) {
        this.key = new SecretKeySpec(decodeKey(base64Key, setting), "AES");
    }

    /** Checks a configured key; the message names the setting, never the value. */
    public static byte[] decodeKey(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(setting + " must be base64 of 32 bytes, got " + bytes.length + " bytes");
        }
        return bytes;
    }

    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens what {@link #seal} made with the same key and context; anything else fails without detail. */
    public byte[] open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("not a sealed secret of a known version");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // wrong key, tampered bytes or another context: no detail, nothing secret
            throw new IllegalStateException("the stored secret cannot be opened");
        }
    }

    /** For text columns: {@code sealed:v1:<base64>}. */
    public String sealText(String plaintext, String context) {
        return TEXT_PREFIX + Base64.getEncoder().encodeToString(seal(plaintext.getBytes(StandardCharsets.UTF_8), context));
    }

    public String openText(String sealed, String context) {
        if (!isSealedText(sealed)) {
            throw new IllegalStateException("not a sealed secret");
        }
        return new String(open(Base64.getDecoder().decode(sealed.substring(TEXT_PREFIX.length())), context), StandardCharsets.UTF_8);
    }

    public static boolean isSealedText(String value) {
        return value != null && value.startsWith(TEXT_PREFIX);
    }
}
