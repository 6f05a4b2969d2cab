package com.truffle.ashby.application.port.in;

import java.util.Objects;

import com.truffle.ashby.domain.AdminToken;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/**
 * The handshake: the admin's Ashby key is checked with Ashby and stored encrypted, and a partner key is issued by
 * key-service on the admin's behalf (paid plans only).
 */
public interface ConnectAshbyUseCase {

    Uni<ConnectionIssued> connect(ConnectCommand command);

    record ConnectCommand(CompanyId companyId, AshbyApiKey ashbyApiKey, AdminToken onBehalfOf) {
        public ConnectCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(ashbyApiKey, "ashbyApiKey");
            Objects.requireNonNull(onBehalfOf, "onBehalfOf");
        }
    }
}
