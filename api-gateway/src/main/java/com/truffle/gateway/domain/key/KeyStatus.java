package com.truffle.gateway.domain.key;

/** A key's state on the key-state topic. A revoked key has no state: its record is a tombstone. */
public enum KeyStatus {
    ACTIVE,
    /** The company's API access is suspended (plan left PAID): the key stops until it is reinstated. */
    SUSPENDED
}
