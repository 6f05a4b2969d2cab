package com.truffle.access.application.port.in;

import java.util.List;
import java.util.Optional;

import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.AccessRequestPage;
import io.smallrye.mutiny.Uni;

/** Read side: a company's entitlement, the staff queue, one request with its decision, a company's history. */
public interface QueryAccessUseCase {

    Uni<CompanyEntitlement> entitlement(CompanyId companyId);

    Uni<AccessRequestPage> requests(Optional<AccessStatus> status, Optional<String> cursor, int limit);

    Uni<Optional<AccessRequest>> request(AccessRequestId id);

    Uni<List<AccessRequest>> requestsOf(CompanyId companyId);

    Uni<List<AuditEntry>> history(CompanyId companyId);
}
