package com.truffle.keys.application.port.out;

import java.util.Optional;

import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/**
 * access-request-service, the owner of API access, asked directly: what key-service's read model (fed by access
 * events) may not know yet, a moment after staff approved. Asked on behalf of the company admin (their own internal
 * JWT), only when the local view says no.
 */
public interface AccessAuthorityPort {

    /** The company's entitlement as its owner has it now; empty when it cannot be asked (then the local view stands). */
    Uni<Optional<CompanyAccess>> current(CompanyId companyId, String onBehalfOf);
}
