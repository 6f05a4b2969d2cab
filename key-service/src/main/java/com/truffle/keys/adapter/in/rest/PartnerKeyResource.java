package com.truffle.keys.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.truffle.keys.adapter.in.rest.KeyDtos.KeyWithSecretView;
import com.truffle.keys.application.port.in.Actor;
import com.truffle.keys.application.port.in.PartnerKeyUseCase;
import com.truffle.keys.domain.CompanyId;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.RequestIds;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Internal (never routed by the gateway): the ashby-connector-service manages the company's Ashby partner
 * key on behalf of the company admin, forwarding the admin's own internal token.
 */
@Path("/internal/partner-keys/ashby")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PartnerKeyResource {

    @Inject
    PartnerKeyUseCase partnerKeys;
    @Inject
    Caller caller;

    @POST
    @ResponseStatus(201)
    public Uni<KeyWithSecretView> create(@HeaderParam(RequestIds.HEADER) String requestId) {
        return partnerKeys.create(company(), actor(requestId)).map(KeyWithSecretView::of);
    }

    @POST
    @Path("/regenerate")
    public Uni<KeyWithSecretView> regenerate(@HeaderParam(RequestIds.HEADER) String requestId) {
        return partnerKeys.regenerate(company(), actor(requestId)).map(KeyWithSecretView::of);
    }

    @DELETE
    @ResponseStatus(204)
    public Uni<Void> revoke(@HeaderParam(RequestIds.HEADER) String requestId) {
        return partnerKeys.revoke(company(), actor(requestId));
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }

    private Actor actor(String requestId) {
        return new Actor(caller.principal(), requestId);
    }
}
