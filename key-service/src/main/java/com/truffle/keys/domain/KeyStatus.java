package com.truffle.keys.domain;

/** ACTIVE works; SUSPENDED is paused while the company's entitlement is lapsed; REVOKED is final. */
public enum KeyStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED
}
