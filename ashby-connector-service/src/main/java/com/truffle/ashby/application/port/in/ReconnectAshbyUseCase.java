package com.truffle.ashby.application.port.in;

import java.util.Objects;
import java.util.Optional;

import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/**
 * A new partner key (the old one dies at once), optionally with a new Ashby key; whichever Ashby key will be used is
 * checked with Ashby again, and results held back by a rejected key flow again.
 */
public interface ReconnectAshbyUseCase {

    Uni<ConnectionIssued> reconnect(ReconnectCommand command);

    record ReconnectCommand(CompanyId companyId, Optional<AshbyApiKey> newAshbyApiKey, AdminToken onBehalfOf) {
        public ReconnectCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(newAshbyApiKey, "newAshbyApiKey");
            Objects.requireNonNull(onBehalfOf, "onBehalfOf");
        }
    }
}
