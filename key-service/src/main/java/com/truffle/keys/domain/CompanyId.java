package com.truffle.keys.domain;

import java.util.Objects;

public record CompanyId(String value) {

    public CompanyId {
        Objects.requireNonNull(value, "company id");
    }

    @Override
    public String toString() {
        return value;
    }
}
