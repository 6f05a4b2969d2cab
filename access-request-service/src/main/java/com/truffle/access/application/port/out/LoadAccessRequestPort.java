package com.truffle.access.application.port.out;

import java.util.List;
import java.util.Optional;

import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessRequestPage;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyId;
import io.smallrye.mutiny.Uni;

public interface LoadAccessRequestPort {

    Uni<Optional<AccessRequest>> byId(AccessRequestId id);

    /** Oldest first (a queue), {@code limit} per page, continuing after {@code cursor}. */
    Uni<AccessRequestPage> page(Optional<AccessStatus> status, Optional<String> cursor, int limit);

    Uni<List<AccessRequest>> ofCompany(CompanyId companyId);
}
