package com.truffle.keys.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.truffle.keys.application.port.in.VerificationRecord;
import com.truffle.keys.adapter.in.rest.KeyDtos.VerifyBody;
import com.truffle.keys.application.port.in.QueryKeysUseCase;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Internal: the gateway's authoritative check on a replica miss (a key created a millisecond ago). It sends
 * the peppered hash, never the secret.
 */
@Path("/internal/keys/verify")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class KeyVerificationResource {

    @Inject
    QueryKeysUseCase query;
    @Inject
    KeyStateSignature signature;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<VerificationRecord> verify(@Valid @NotNull VerifyBody body) {
        return query.byHash(body.secretHash()).map(found -> found.map(k -> VerificationRecord.of(k, signature)).orElseThrow(
                () -> ProblemType.UNKNOWN_KEY.problem("No active key has this secret.").toException()));
    }
}
