package com.truffle.gateway.domain.access;

import java.util.List;
import java.util.Objects;

/**
 * Who a forwarded request acts as: the claims of the internal JWT ({@code principal}, {@code company_id}, absent
 * for staff and for the gateway itself, {@code groups}, and for a person their display {@code name}); see
 * docs/contracts.md.
 */
public record Identity(String principal, String companyId, List<String> groups, String name) {

    public static final Identity GATEWAY = new Identity("service:api-gateway", null, List.of("truffle-service"));

    public Identity {
        Objects.requireNonNull(principal, "principal");
        groups = List.copyOf(groups);
    }

    public Identity(String principal, String companyId, List<String> groups) {
        this(principal, companyId, groups, null);
    }
}
