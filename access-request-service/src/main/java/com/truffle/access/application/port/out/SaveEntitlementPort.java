package com.truffle.access.application.port.out;

import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.CompanyEntitlement;
import io.smallrye.mutiny.Uni;

public interface SaveEntitlementPort {

    /** Stores the entitlement (optimistic lock on its version) and, when given, the request it touched. */
    Uni<Void> save(CompanyEntitlement entitlement, AccessRequest touched);
}
