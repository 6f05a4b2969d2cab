package com.truffle.access.adapter.in.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.access.adapter.in.rest.AccessDtos.DecisionBody;
import com.truffle.access.adapter.in.rest.AccessDtos.DecisionView;
import com.truffle.access.adapter.in.rest.AccessDtos.RequestList;
import com.truffle.access.adapter.in.rest.AccessDtos.RequestView;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.DecideCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.Verdict;
import com.truffle.access.application.port.in.QueryAccessUseCase;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessStatus;
import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;

/** The staff review queue: list (paged), read, approve, reject with a reason. */
@Path("/staff/access-requests")
@RolesAllowed(Roles.STAFF)
@Produces(MediaType.APPLICATION_JSON)
public class StaffAccessRequestResource {

    @Inject
    QueryAccessUseCase query;
    @Inject
    DecideAccessRequestUseCase decide;
    @Inject
    Caller caller;

    @GET
    public Uni<RequestList> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return query.requests(Optional.ofNullable(status).map(StaffAccessRequestResource::status), Optional.ofNullable(cursor), limit)
                .map(page -> new RequestList(page.data().stream().map(RequestView::of).toList(), page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    public Uni<RequestView> get(@RestPath String id) {
        return query.request(requestId(id)).map(found -> RequestView.of(found.orElseThrow(
                () -> ProblemType.NOT_FOUND.problem("No access request " + id + ".").toException())));
    }

    /** An optional {@code {"reason"}} is kept with the decision. */
    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DecisionView> approve(@RestPath String id, @Valid DecisionBody body) {
        return decide.decide(new DecideCommand(requestId(id), Verdict.APPROVE, caller.principal(), body == null ? null : body.reason()))
                .map(StaffAccessRequestResource::view);
    }

    /** DESIGN §4a's approve has no body: a bare POST, without Content-Type, approves too. */
    @POST
    @Path("/{id}/approve")
    public Uni<DecisionView> approveWithoutBody(@RestPath String id) {
        return approve(id, null);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DecisionView> reject(@RestPath String id, @Valid DecisionBody body) {
        return decide.decide(new DecideCommand(requestId(id), Verdict.REJECT, caller.principal(), body == null ? null : body.reason()))
                .map(StaffAccessRequestResource::view);
    }

    private static DecisionView view(AccessRequest r) {
        return new DecisionView(r.id().toString(), r.status().name(), r.decision().map(d -> d.reviewer()).orElse(null),
                r.decision().map(d -> d.decidedAt()).orElse(null), r.decision().map(d -> d.reason()).orElse(null));
    }

    private static AccessRequestId requestId(String id) {
        try {
            return new AccessRequestId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw ProblemType.NOT_FOUND.problem("No access request " + id + ".").toException();
        }
    }

    private static AccessStatus status(String s) {
        try {
            AccessStatus status = AccessStatus.valueOf(s);
            if (status == AccessStatus.PENDING || status == AccessStatus.APPROVED || status == AccessStatus.REJECTED) {
                return status;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw ProblemType.INVALID_PARAMETER.problem("status must be PENDING, APPROVED or REJECTED.")
                .withErrors(java.util.List.of(new Problem.FieldError("status", "must be PENDING, APPROVED or REJECTED")))
                .toException();
    }
}
