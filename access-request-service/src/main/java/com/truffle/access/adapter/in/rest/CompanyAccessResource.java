package com.truffle.access.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.truffle.access.adapter.in.rest.AccessDtos.AccessRequestBody;
import com.truffle.access.adapter.in.rest.AccessDtos.AccessView;
import com.truffle.access.adapter.in.rest.AccessDtos.CreatedRequest;
import com.truffle.access.adapter.in.rest.AccessDtos.RequestView;
import com.truffle.access.application.port.in.QueryAccessUseCase;
import com.truffle.access.application.port.in.RequestAccessUseCase;
import com.truffle.access.application.port.in.RequestAccessUseCase.RequestAccessCommand;
import com.truffle.access.domain.CompanyId;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.IdempotentCreate;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestResponse;

/** A company admin's view of its own API access (the company comes from the token, never from the URL). */
@Path("/v1/api-access")
@RolesAllowed(Roles.COMPANY_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class CompanyAccessResource {

    @Inject
    RequestAccessUseCase requestAccess;
    @Inject
    QueryAccessUseCase query;
    @Inject
    Caller caller;

    @GET
    public Uni<AccessView> get() {
        CompanyId company = new CompanyId(caller.companyId());
        return query.entitlement(company).chain(e -> query.requestsOf(company).map(requests -> new AccessView(
                e.access().name(), e.plan().name(),
                requests.isEmpty() ? null : RequestView.of(requests.get(requests.size() - 1)))));
    }

    /**
     * 201 with the pending request (DESIGN §4a): a new one, or the same one when a request is already pending, then
     * marked {@code Idempotent-Replayed: true} — a second click never creates a second request.
     */
    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CreatedRequest>> request(@Valid AccessRequestBody body) {
        String useCase = body == null ? null : body.useCase();
        return requestAccess.requestAccess(new RequestAccessCommand(new CompanyId(caller.companyId()), useCase, caller.principal()))
                .map(outcome -> IdempotentCreate.created(outcome.created(),
                        new CreatedRequest(outcome.request().id().toString(), outcome.request().status().name())));
    }
}
