package com.truffle.platform.apikeys;

/** What a key is for, visible in its prefix so secret scanners and the gateway can tell them apart. */
public enum KeyKind {
    /** An integration's key: {@code trf_live_…}, carries READ, WRITE or ADMIN. */
    LIVE("live"),
    /** The Ashby partner key: {@code trf_ashby_…}, carries PARTNER_ASHBY. */
    ASHBY("ashby");

    private final String tag;
    private final String prefix;

    KeyKind(String tag) {
        this.tag = tag;
        this.prefix = "trf_" + tag + "_";
    }

    public String tag() {
        return tag;
    }

    /** {@code trf_live_} or {@code trf_ashby_}. */
    public String prefix() {
        return prefix;
    }
}
