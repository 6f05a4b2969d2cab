package com.truffle.ashby.domain;

import java.util.Objects;

/**
 * A customer's Ashby API key in clear: it exists only in memory, on its way to Ashby or to the vault.
 * {@link #toString()} never shows it, so it cannot leak into a log line by accident.
 */
public record AshbyApiKey(String value) {

    public static final int MAX_LENGTH = 512;

    public AshbyApiKey {
        Objects.requireNonNull(value, "ashby api key");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new AshbyRuleViolation(AshbyRuleViolation.Rule.INVALID_ASHBY_KEY, "An Ashby API key is 1-512 characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // HTTP Basic puts the key before a ':'; a ':' or a control/space character cannot be a real key
            if (c <= ' ' || c == ':' || c == 0x7f) {
                throw new AshbyRuleViolation(AshbyRuleViolation.Rule.INVALID_ASHBY_KEY,
                        "An Ashby API key has no spaces, control characters or ':'.");
            }
        }
    }

    @Override
    public String toString() {
        return "AshbyApiKey[redacted]";
    }
}
