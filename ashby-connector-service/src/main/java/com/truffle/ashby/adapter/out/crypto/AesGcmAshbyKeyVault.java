package com.truffle.ashby.adapter.out.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.truffle.ashby.application.port.out.AshbyKeyVaultPort;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.SealedAshbyKey;

/**
 * AES-256-GCM with a fresh random 12-byte nonce per encryption; the company id is the associated data, so a sealed key
 * copied to another company's row does not open. Stored form: version byte (1), nonce, ciphertext with the 16-byte tag.
 */
@Singleton
public class AesGcmAshbyKeyVault implements AshbyKeyVaultPort {

    static final byte VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key, base64 of 32 bytes, from configuration; {@link #toString()} never shows it. */
    public record Settings(String base64Key) {
        @Override
        public String toString() {
            return "Settings[key redacted]";
        }
    }

    private final SecretKeySpec key;

    @Inject
    public AesGcmAshbyKeyVault(Settings settings) {
        this.key = new SecretKeySpec(decodeKey(settings.base64Key()), "AES");
    }

    /** Checks a configured key without keeping it; the message never contains it. */
    public static byte[] decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("truffle.ashby.encryption-key (TRUFFLE_ASHBY_ENCRYPTION_KEY) is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("truffle.ashby.encryption-key (TRUFFLE_ASHBY_ENCRYPTION_KEY) must be base64 of 32 bytes, got "
                    + bytes.length + " bytes");
        }
        return bytes;
    }

    @Override
    public SealedAshbyKey seal(CompanyId companyId, AshbyApiKey apiKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(companyId));
            byte[] sealed = cipher.doFinal(apiKey.value().getBytes(StandardCharsets.UTF_8));
            return new SealedAshbyKey(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public AshbyApiKey open(CompanyId companyId, SealedAshbyKey sealed) {
        byte[] bytes = sealed.bytes();
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new IllegalStateException("not a sealed Ashby key of a known version");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(aad(companyId));
            byte[] clear = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return new AshbyApiKey(new String(clear, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // wrong key, tampered bytes or another company's row: no detail, nothing secret
            throw new IllegalStateException("the stored Ashby key cannot be opened");
        }
    }

    private static byte[] aad(CompanyId companyId) {
        return ("truffle-ashby-key:v1:" + companyId.value()).getBytes(StandardCharsets.UTF_8);
    }
}
