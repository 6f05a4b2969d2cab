package com.truffle.access.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.truffle.access.adapter.in.rest.AccessDtos.CompanyView;
import com.truffle.access.adapter.in.rest.AccessDtos.PlanBody;
import com.truffle.access.adapter.in.rest.AccessDtos.PlanView;
import com.truffle.access.adapter.in.rest.AccessDtos.RequestView;
import com.truffle.access.application.port.in.ChangePlanUseCase;
import com.truffle.access.application.port.in.ChangePlanUseCase.ChangePlanCommand;
import com.truffle.access.application.port.in.QueryAccessUseCase;
import com.truffle.access.domain.CompanyId;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;

/** Staff (standing in for billing) set a company's plan, and read its entitlement with its full history. */
@Path("/staff/companies/{companyId}")
@RolesAllowed(Roles.STAFF)
@Produces(MediaType.APPLICATION_JSON)
public class StaffCompanyResource {

    @Inject
    ChangePlanUseCase changePlan;
    @Inject
    QueryAccessUseCase query;
    @Inject
    Caller caller;

    @PUT
    @Path("/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PlanView> setPlan(@RestPath String companyId, @Valid @NotNull PlanBody body) {
        return changePlan.changePlan(new ChangePlanCommand(new CompanyId(companyId), body.plan(), caller.principal()))
                .map(e -> new PlanView(e.companyId().value(), e.plan().name(), e.access().name()));
    }

    @GET
    public Uni<CompanyView> get(@RestPath String companyId) {
        CompanyId company = new CompanyId(companyId);
        return query.entitlement(company).chain(e -> query.requestsOf(company).chain(requests -> query.history(company)
                .map(history -> new CompanyView(company.value(), e.plan().name(), e.access().name(),
                        requests.stream().map(RequestView::of).toList(), history))));
    }
}
