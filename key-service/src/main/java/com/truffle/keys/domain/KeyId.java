package com.truffle.keys.domain;

import java.util.Objects;
import java.util.UUID;

public record KeyId(UUID value) {

    public KeyId {
        Objects.requireNonNull(value, "key id");
    }

    public static KeyId random() {
        return new KeyId(UUID.randomUUID());
    }

    /** A key id from a URL: anything that is not one of ours is simply not found. */
    public static KeyId parse(String s) {
        try {
            return new KeyId(UUID.fromString(s));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new KeyRuleViolation(KeyRuleViolation.Rule.NOT_FOUND, "No API key " + s + ".");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
