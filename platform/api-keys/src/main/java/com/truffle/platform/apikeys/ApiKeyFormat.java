package com.truffle.platform.apikeys;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * {@code trf_<kind>_<32 base62 random><6 base62 CRC32>}. The random part carries 190 bits; the checksum
 * (CRC32 of everything before it, base62, zero-padded to 6) lets anyone reject a mistyped or made-up key
 * offline, before any lookup. Same idea as GitHub's token format.
 */
public final class ApiKeyFormat {

    public static final int RANDOM_LENGTH = 32;
    public static final int CHECKSUM_LENGTH = 6;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int MAX_LENGTH = KeyKind.ASHBY.prefix().length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

    private ApiKeyFormat() {
    }

    /** A new secret of the given kind. */
    public static String generate(KeyKind kind, SecureRandom random) {
        StringBuilder sb = new StringBuilder(kind.prefix().length() + RANDOM_LENGTH + CHECKSUM_LENGTH).append(kind.prefix());
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            sb.append(BASE62[random.nextInt(62)]);
        }
        sb.append(checksum(sb));
        return sb.toString();
    }

    /** The kind, if {@code candidate} is well formed and its checksum matches; empty otherwise. No allocation on rejection. */
    public static Optional<KeyKind> kindOf(CharSequence candidate) {
        KeyKind kind = prefixKind(candidate);
        if (kind == null) {
            return Optional.empty();
        }
        int body = kind.prefix().length() + RANDOM_LENGTH;
        if (candidate.length() != body + CHECKSUM_LENGTH) {
            return Optional.empty();
        }
        for (int i = kind.prefix().length(); i < candidate.length(); i++) {
            if (value(candidate.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        long expected = crc(candidate, body);
        long actual = 0;
        for (int i = body; i < candidate.length(); i++) {
            actual = actual * 62 + value(candidate.charAt(i));
        }
        return actual == expected ? Optional.of(kind) : Optional.empty();
    }

    public static boolean isWellFormed(CharSequence candidate) {
        return kindOf(candidate).isPresent();
    }

    /** The part shown again after creation: the prefix plus the first 4 random characters, e.g. {@code trf_live_Ab3x}. */
    public static String displayPrefix(String secret) {
        KeyKind kind = prefixKind(secret);
        int at = kind == null ? Math.min(secret.length(), 8) : kind.prefix().length() + 4;
        return secret.substring(0, Math.min(at, secret.length()));
    }

    public static String last4(String secret) {
        return secret.substring(Math.max(0, secret.length() - 4));
    }

    static String checksum(CharSequence body) {
        long crc = crc(body, body.length());
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62[(int) (crc % 62)];
            crc /= 62;
        }
        return new String(out);
    }

    private static KeyKind prefixKind(CharSequence s) {
        if (s == null || s.length() < 9 || s.length() > MAX_LENGTH) {
            return null;
        }
        for (KeyKind kind : KeyKind.values()) {
            String p = kind.prefix();
            if (s.length() > p.length() && startsWith(s, p)) {
                return kind;
            }
        }
        return null;
    }

    private static boolean startsWith(CharSequence s, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long crc(CharSequence s, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) s.charAt(i); // ASCII only: checked before
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }
}
