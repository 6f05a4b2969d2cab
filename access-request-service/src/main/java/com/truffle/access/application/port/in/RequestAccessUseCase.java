package com.truffle.access.application.port.in;

import java.util.Objects;

import com.truffle.access.domain.CompanyEntitlement.RequestOutcome;
import com.truffle.access.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** A company admin asks for API access (paid plans only); a pending request is not duplicated. */
public interface RequestAccessUseCase {

    Uni<RequestOutcome> requestAccess(RequestAccessCommand command);

    record RequestAccessCommand(CompanyId companyId, String useCase, String requestedBy) {
        public RequestAccessCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(requestedBy, "requestedBy");
        }
    }
}
