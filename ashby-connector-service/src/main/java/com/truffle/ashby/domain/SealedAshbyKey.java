package com.truffle.ashby.domain;

import java.util.Arrays;
import java.util.Objects;

/** An Ashby API key as stored: encrypted (the vault decides how), opaque to everyone else. */
public final class SealedAshbyKey {

    private final byte[] bytes;

    public SealedAshbyKey(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "sealed key").clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedAshbyKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealedAshbyKey[" + bytes.length + " bytes]";
    }
}
