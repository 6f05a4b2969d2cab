package com.truffle.gateway.domain.key;

import java.util.List;

/**
 * A key's permission. {@code READ ⊂ WRITE ⊂ ADMIN}; {@code PARTNER_ASHBY} stands apart (only the partner routes).
 * {@link #groups()} is what the internal JWT carries (docs/contracts.md), so a service asks for the level it needs.
 */
public enum Permission {
    READ(0, List.of("READ")),
    WRITE(1, List.of("READ", "WRITE")),
    ADMIN(2, List.of("READ", "WRITE", "ADMIN")),
    PARTNER_ASHBY(-1, List.of("PARTNER_ASHBY"));

    private final int level;
    private final List<String> groups;

    Permission(int level, List<String> groups) {
        this.level = level;
        this.groups = groups;
    }

    public List<String> groups() {
        return groups;
    }

    /** Whether a key with this permission may do what {@code required} allows. */
    public boolean includes(Permission required) {
        if (this == PARTNER_ASHBY || required == PARTNER_ASHBY) {
            return this == required;
        }
        return level >= required.level;
    }

    /** The permission named {@code name} (as on the wire), or null. */
    public static Permission parse(String name) {
        for (Permission p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
