package com.truffle.keys.domain;

import java.util.List;

/** READ ⊂ WRITE ⊂ ADMIN for integration keys; PARTNER_ASHBY stands alone (only /partners/ashby/*). */
public enum Permission {
    READ,
    WRITE,
    ADMIN,
    PARTNER_ASHBY;

    public KeyKind kind() {
        return this == PARTNER_ASHBY ? KeyKind.ASHBY : KeyKind.LIVE;
    }

    /** The levels a key with this permission holds. */
    public List<Permission> grants() {
        return switch (this) {
            case READ -> List.of(READ);
            case WRITE -> List.of(READ, WRITE);
            case ADMIN -> List.of(READ, WRITE, ADMIN);
            case PARTNER_ASHBY -> List.of(PARTNER_ASHBY);
        };
    }
}
