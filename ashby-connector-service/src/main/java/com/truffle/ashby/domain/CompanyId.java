package com.truffle.ashby.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Truffle company (tenant) id, as the identity provider issues it: a short slug or uuid. */
public record CompanyId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CompanyId {
        Objects.requireNonNull(value, "company id");
        if (!FORMAT.matcher(value).matches()) {
            throw new AshbyRuleViolation(AshbyRuleViolation.Rule.INVALID_COMPANY_ID,
                    "A company id is 1-64 letters, digits, '.', '_' or '-'.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
