package com.truffle.keys.application.port.out;

import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** The local read model of companies' entitlements. */
public interface CompanyAccessPort {

    /** The company's entitlement, locked for the rest of the transaction (serialises key creation per company). */
    Uni<CompanyAccess> lock(CompanyId companyId);

    Uni<Void> save(CompanyAccess access);

    /** The company's entitlement as last heard (unknown companies: TRIAL, no access), without a lock. */
    Uni<CompanyAccess> load(CompanyId companyId);
}
