package com.truffle.access.application.port.out;

import java.util.List;

import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** The readable history of a company's entitlements (who changed what, when, why). */
public interface AccessAuditPort {

    Uni<Void> record(List<AccessEvent> events);

    Uni<List<AuditEntry>> trail(CompanyId companyId);
}
