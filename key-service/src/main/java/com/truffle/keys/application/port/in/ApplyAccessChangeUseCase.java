package com.truffle.keys.application.port.in;

import com.truffle.keys.domain.CompanyAccess;
import io.smallrye.mutiny.Uni;

/** The company's entitlement changed (access events): remember it and suspend or reinstate its keys to match. */
public interface ApplyAccessChangeUseCase {

    Uni<Void> apply(CompanyAccess access, String cause);
}
