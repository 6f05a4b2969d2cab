package com.truffle.access.application.port.out;

import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.CompanyId;
import io.smallrye.mutiny.Uni;

public interface LoadEntitlementPort {

    /** The company's entitlement with its pending request, or a new trial company if unknown. */
    Uni<CompanyEntitlement> load(CompanyId companyId);
}
