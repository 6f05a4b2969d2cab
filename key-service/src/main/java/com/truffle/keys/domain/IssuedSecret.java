package com.truffle.keys.domain;

import java.util.Objects;

/**
 * A freshly issued secret: the plaintext (handed to the caller once, then gone), the peppered hash that is
 * stored, and the display parts. Never printed.
 */
public record IssuedSecret(String plaintext, String hash, String prefix, String last4) {

    public IssuedSecret {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(last4, "last4");
    }

    @Override
    public String toString() {
        return "IssuedSecret[" + prefix + "…" + last4 + "]";
    }
}
