package com.truffle.ashby.adapter.out.crypto;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.truffle.ashby.application.port.out.AshbyKeyVaultPort;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.SealedAshbyKey;
import com.truffle.platform.crypto.SecretBox;

/**
 * The customer's Ashby key, sealed with the platform's {@link SecretBox} (AES-256-GCM, fresh nonce per sealing);
 * the company id is the associated data, so a sealed key copied to another company's row does not open. The
 * encryption key rotates (a keyring: {@link Settings}); the re-seal job moves old seals to the current key.
 */
@Singleton
public class AesGcmAshbyKeyVault implements AshbyKeyVaultPort {

    static final String SETTING = "truffle.ashby.encryption-key (TRUFFLE_ASHBY_ENCRYPTION_KEY)";

    /**
     * The current key (base64 of 32 bytes) and its id, and the older keys still needed to open what they sealed
     * ({@code "<id>:<base64>,…"}, may be empty), from configuration; {@link #toString()} never shows them.
     */
    public record Settings(String base64Key, int keyId, String previousKeys) {
        public Settings(String base64Key) {
            this(base64Key, 1, "");
        }

        @Override
        public String toString() {
            return "Settings[current key " + keyId + ", keys redacted]";
        }
    }

    private final SecretBox box;

    @Inject
    public AesGcmAshbyKeyVault(Settings settings) {
        this.box = SecretBox.fromConfig(settings.base64Key(), settings.keyId(), settings.previousKeys(), SETTING);
    }

    @Override
    public boolean needsReseal(SealedAshbyKey sealed) {
        return box.needsReseal(sealed.bytes());
    }

    @Override
    public SealedAshbyKey reseal(CompanyId companyId, SealedAshbyKey sealed) {
        return new SealedAshbyKey(box.reseal(sealed.bytes(), context(companyId)));
    }

    /** Checks a configured key without keeping it; the message never contains it. */
    public static byte[] decodeKey(String base64) {
        return SecretBox.decodeKey(base64, SETTING);
    }

    @Override
    public SealedAshbyKey seal(CompanyId companyId, AshbyApiKey apiKey) {
        return new SealedAshbyKey(box.seal(apiKey.value().getBytes(StandardCharsets.UTF_8), context(companyId)));
    }

    @Override
    public AshbyApiKey open(CompanyId companyId, SealedAshbyKey sealed) {
        try {
            return new AshbyApiKey(new String(box.open(sealed.bytes(), context(companyId)), StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the stored Ashby key cannot be opened");
        }
    }

    private static String context(CompanyId companyId) {
        return "truffle-ashby-key:v1:" + companyId.value();
    }
}
