package com.truffle.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets a service must keep and use again (a customer's Ashby key, a webhook signing secret) are stored sealed:
 * AES-256-GCM with a fresh random 12-byte nonce per sealing, and a context (e.g. the owning company and record) as
 * associated data, so a sealed value copied to another row does not open. The keys (base64 of 32 bytes) come from
 * configuration and are never printed.
 *
 * <p>Keys rotate: a box holds a keyring, keys by id (1–255), one of them current. New seals use the current key and
 * name it (sealed form 2: version byte, key id, nonce, ciphertext with its 16-byte tag); a value sealed under an older
 * key still opens while that key is configured, and {@link #needsReseal} says it should be sealed again under the
 * current one (each service's re-seal job does). Sealed form 1 (version byte, nonce, ciphertext) is what a single
 * key made before rotation existed: it is key 1's.
 */
public final class SecretBox {

    public static final byte VERSION = 2;
    static final byte VERSION_1 = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    /** Text columns wrap the sealed bytes (whatever their own version) in base64 after this prefix. */
    private static final String TEXT_PREFIX = "sealed:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int currentId;
    private final Map<Integer, SecretKeySpec> keys;

    /** One key (id 1): what a service without rotation configured has. */
    public SecretBox(String base64Key, String setting) {
        this(1, Map.of(1, base64Key), setting);
    }

    /**
     * @param currentId   the key new seals use
     * @param base64Keys  every key that may still open something, by id (the current one included)
     * @param setting     the configuration's name, for error messages (a key itself is never shown)
     */
    public SecretBox(int currentId, Map<Integer, String> base64Keys, String setting) {
        Map<Integer, SecretKeySpec> ring = new TreeMap<>();
        base64Keys.forEach((id, key) -> {
            if (id < 1 || id > 255) {
                throw new IllegalArgumentException(setting + ": key ids are 1 to 255, got " + id);
            }
            ring.put(id, new SecretKeySpec(decodeKey(key, setting + " (key " + id + ")"), "AES"));
        });
        if (!ring.containsKey(currentId)) {
            throw new IllegalArgumentException(setting + ": the current key id " + currentId + " has no key");
        }
        this.currentId = currentId;
        this.keys = Map.copyOf(ring);
    }

    /**
     * The keyring as configured: the current key and its id, plus older keys still needed to open what they sealed,
     * as {@code "<id>:<base64>,<id>:<base64>"} (empty or null: none).
     */
    public static SecretBox fromConfig(String currentKey, int currentId, String previousKeys, String setting) {
        Map<Integer, String> ring = new TreeMap<>();
        if (previousKeys != null) {
            for (String entry : previousKeys.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                int colon = e.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException(setting + ": previous keys are <id>:<base64>, comma separated");
                }
                int id;
                try {
                    id = Integer.parseInt(e.substring(0, colon).trim());
                } catch (NumberFormatException notANumber) {
                    throw new IllegalArgumentException(setting + ": a previous key's id is not a number");
                }
                ring.put(id, e.substring(colon + 1).trim());
            }
        }
        ring.put(currentId, currentKey);
        return new SecretBox(currentId, ring, setting);
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

    public int currentKeyId() {
        return currentId;
    }

    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(2 + NONCE_BYTES + sealed.length).put(VERSION).put((byte) currentId).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens what {@link #seal} made with a key of this ring and the same context; anything else fails without detail. */
    public byte[] open(byte[] sealed, String context) {
        int header = headerLength(sealed);
        SecretKeySpec key = keys.get(keyId(sealed));
        if (key == null) {
            throw new IllegalStateException("the stored secret was sealed under a key that is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, header - NONCE_BYTES, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, header, sealed.length - header);
        } catch (GeneralSecurityException e) {
            // wrong key, tampered bytes or another context: no detail, nothing secret
            throw new IllegalStateException("the stored secret cannot be opened");
        }
    }

    /** Whether {@code sealed} was made under another key than the current one (the re-seal job's question). */
    public boolean needsReseal(byte[] sealed) {
        return keyId(sealed) != currentId;
    }

    /** Opens under whatever key sealed it and seals again under the current key; the same value if already current. */
    public byte[] reseal(byte[] sealed, String context) {
        return needsReseal(sealed) ? seal(open(sealed, context), context) : sealed;
    }

    private static int headerLength(byte[] sealed) {
        if (sealed == null || sealed.length < 1) {
            throw new IllegalStateException("not a sealed secret of a known version");
        }
        int header = sealed[0] == VERSION_1 ? 1 + NONCE_BYTES : sealed[0] == VERSION ? 2 + NONCE_BYTES : -1;
        if (header < 0 || sealed.length < header + TAG_BITS / 8) {
            throw new IllegalStateException("not a sealed secret of a known version");
        }
        return header;
    }

    private static int keyId(byte[] sealed) {
        headerLength(sealed);
        return sealed[0] == VERSION_1 ? 1 : sealed[1] & 0xFF;
    }

    /** For text columns: {@code sealed:v1:<base64>}. */
    public String sealText(String plaintext, String context) {
        return TEXT_PREFIX + Base64.getEncoder().encodeToString(seal(plaintext.getBytes(StandardCharsets.UTF_8), context));
    }

    public String openText(String sealed, String context) {
        return new String(open(textBytes(sealed), context), StandardCharsets.UTF_8);
    }

    public boolean needsReseal(String sealedText) {
        return needsReseal(textBytes(sealedText));
    }

    public String resealText(String sealedText, String context) {
        return needsReseal(sealedText) ? sealText(openText(sealedText, context), context) : sealedText;
    }

    private static byte[] textBytes(String sealed) {
        if (!isSealedText(sealed)) {
            throw new IllegalStateException("not a sealed secret");
        }
        return Base64.getDecoder().decode(sealed.substring(TEXT_PREFIX.length()));
    }

    public static boolean isSealedText(String value) {
        return value != null && value.startsWith(TEXT_PREFIX);
    }
}
