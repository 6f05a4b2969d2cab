package com.truffle.gateway.domain.key;

/** A key's state on the key-state topic. */
public enum KeyStatus {
    ACTIVE,
    /** The company's API access is suspended (plan left PAID): the key stops until it is reinstated. */
    SUSPENDED,
    /** Revoked, for good: the record stays on the compacted topic so nothing older can come back. */
    REVOKED
}
