package com.truffle.gateway.domain.key;

import java.security.MessageDigest;
import java.util.HexFormat;

/** The peppered HMAC-SHA256 of a key's secret: the only form of a key the gateway keeps or sends. */
public final class SecretHash {

    private static final HexFormat HEX = HexFormat.of();
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private final int hash;

    private SecretHash(byte[] bytes) {
        this.bytes = bytes;
        // an HMAC output is uniformly random: its first four bytes are as good a hash code as any
        this.hash = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    /** Takes ownership of {@code bytes} (32 of them). */
    public static SecretHash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a secret hash is 32 bytes");
        }
        return new SecretHash(bytes);
    }

    /** @throws IllegalArgumentException unless 64 hex digits */
    public static SecretHash ofHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a secret hash is 64 hex digits");
        }
        return new SecretHash(HEX.parseHex(hex));
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        // constant time (DESIGN §6), even though only an HMAC is ever compared
        return o instanceof SecretHash other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Never the hash itself: it does not belong in logs. */
    @Override
    public String toString() {
        return "SecretHash[" + HEX.formatHex(bytes, 0, 2) + "…]";
    }
}
