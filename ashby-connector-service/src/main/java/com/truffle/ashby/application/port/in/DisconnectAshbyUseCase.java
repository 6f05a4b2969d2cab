package com.truffle.ashby.application.port.in;

import java.util.Objects;

import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** Partner key revoked, stored Ashby key deleted, results stop; idempotent; connecting again later works. */
public interface DisconnectAshbyUseCase {

    Uni<Void> disconnect(DisconnectCommand command);

    record DisconnectCommand(CompanyId companyId, AdminToken onBehalfOf) {
        public DisconnectCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(onBehalfOf, "onBehalfOf");
        }
    }
}
