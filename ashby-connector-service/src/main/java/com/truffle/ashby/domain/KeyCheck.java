package com.truffle.ashby.domain;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What Ashby said about a customer's API key when asked through {@code apiKey.info}. */
public enum KeyCheck {
    /** Valid, and its scopes (when Ashby lists them) include writing candidates. */
    ACCEPTED,
    /** 403 missing_endpoint_permission: the key is valid but lacks apiKeysRead, which many customers' keys do. */
    ACCEPTED_WITHOUT_INTROSPECTION,
    /**
     * Valid, but its scopes do not include writing candidates: every result would be refused, so the connect is.
     */
    MISSING_CANDIDATES_WRITE,
    /** 401, or 403 for any other reason: missing, wrong or deactivated. */
    REJECTED;

    /** The permission's name in Ashby's admin screen, as the admin reads it in our message. */
    public static final String WRITE_PERMISSION = "candidatesWrite";

    /**
     * The spellings that grant writing candidates: Ashby's permission name and the newer spec's scope strings
     * (documented examples are {@code jobs:read}, {@code candidates:read}), and their wildcards.
     */
    private static final Set<String> GRANTS_WRITE = Set.of("candidateswrite", "candidates:write", "candidates:*", "*");

    /**
     * A successful {@code apiKey.info}: {@code scopes} null means Ashby did not list them (the older spec), which
     * is not a reason to refuse.
     */
    public static KeyCheck ofScopes(List<String> scopes) {
        if (scopes == null) {
            return ACCEPTED;
        }
        for (String scope : scopes) {
            if (scope != null && GRANTS_WRITE.contains(scope.trim().toLowerCase(Locale.ROOT))) {
                return ACCEPTED;
            }
        }
        return MISSING_CANDIDATES_WRITE;
    }

    public boolean valid() {
        return this == ACCEPTED || this == ACCEPTED_WITHOUT_INTROSPECTION;
    }
}
