package com.truffle.ashby.domain;

/** What Ashby said about a customer's API key when asked through {@code apiKey.info}. */
public enum KeyCheck {
    /** Valid and introspectable. */
    ACCEPTED,
    /** 403 missing_endpoint_permission: the key is valid but lacks apiKeysRead, which many customers' keys do. */
    ACCEPTED_WITHOUT_INTROSPECTION,
    /** 401, or 403 for any other reason: missing, wrong or deactivated. */
    REJECTED;

    public boolean valid() {
        return this != REJECTED;
    }
}
