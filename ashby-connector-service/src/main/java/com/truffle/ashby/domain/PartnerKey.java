package com.truffle.ashby.domain;

import java.util.Objects;

/** The company's {@code trf_ashby_…} key as key-service issued it: its id, and the secret shown once. */
public record PartnerKey(String id, String secret) {

    public PartnerKey {
        Objects.requireNonNull(id, "partner key id");
        Objects.requireNonNull(secret, "partner key secret");
    }

    @Override
    public String toString() {
        return "PartnerKey[" + id + ", secret redacted]";
    }
}
