package com.truffle.screening.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.IdempotentCreate;
import com.truffle.screening.adapter.in.rest.HiringDtos.CandidateView;
import com.truffle.screening.adapter.in.rest.HiringDtos.CreateCandidateBody;
import com.truffle.screening.adapter.in.rest.HiringDtos.InvitationBody;
import com.truffle.screening.adapter.in.rest.HiringDtos.InvitationView;
import com.truffle.screening.adapter.in.rest.HiringDtos.ListView;
import com.truffle.screening.adapter.in.rest.HiringDtos.UpdateCandidateBody;
import com.truffle.screening.application.port.in.AddCandidateUseCase;
import com.truffle.screening.application.port.in.AddCandidateUseCase.AddCandidateCommand;
import com.truffle.screening.application.port.in.InviteCandidateUseCase;
import com.truffle.screening.application.port.in.InviteCandidateUseCase.InviteCandidateCommand;
import com.truffle.screening.application.port.in.QueryHiringUseCase;
import com.truffle.screening.application.port.in.UpdateCandidateUseCase;
import com.truffle.screening.application.port.in.UpdateCandidateUseCase.UpdateCandidateCommand;
import com.truffle.screening.domain.CandidateFilter;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Candidates, and the invitations that send them a screening. The list is what a CRM sync walks: ordered by
 * (created_at, id) with an opaque cursor, so a walk sees every candidate that existed when it began exactly once
 * however many are added meanwhile; {@code updated_since} then fetches what changed since the previous sync.
 */
@Path("/v1/candidates")
@Produces(MediaType.APPLICATION_JSON)
public class CandidateResource {

    @Inject
    AddCandidateUseCase add;
    @Inject
    UpdateCandidateUseCase update;
    @Inject
    InviteCandidateUseCase invite;
    @Inject
    QueryHiringUseCase query;
    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Roles.READ)
    public Uni<ListView<CandidateView>> list(@QueryParam("updated_since") String updatedSince, @QueryParam("job_id") String jobId,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        CandidateFilter filter = new CandidateFilter(company(), Params.optionalInstant("updated_since", updatedSince),
                Params.optional("job_id", jobId, JobId::new), Params.optionalText(cursor), limit);
        return query.candidates(filter)
                .map(page -> new ListView<>(page.data().stream().map(CandidateView::of).toList(), page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READ)
    public Uni<CandidateView> get(@RestPath String id) {
        return query.candidate(company(), CandidateId.parse(id))
                .map(found -> CandidateView.of(found.orElseThrow(() -> ScreeningRuleViolation.notFound("candidate", id))));
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CandidateView>> create(@Valid @NotNull CreateCandidateBody body) {
        return add.add(new AddCandidateCommand(company(), body.firstName(), body.lastName(), body.email(), body.phone()))
                .map(c -> RestResponse.status(RestResponse.Status.CREATED, CandidateView.of(c)));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CandidateView> update(@RestPath String id, @Valid @NotNull UpdateCandidateBody body) {
        return update.update(new UpdateCandidateCommand(company(), CandidateId.parse(id), body.firstName(), body.lastName(),
                body.email(), body.phone())).map(CandidateView::of);
    }

    /**
     * 201 with the screening (DESIGN §4a): a new one, or the existing one when the candidate was already invited to
     * the job, then marked {@code Idempotent-Replayed: true} (and a fresh link is mailed).
     */
    @POST
    @Path("/{id}/invitations")
    @RolesAllowed(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<InvitationView>> invite(@RestPath String id, @Valid @NotNull InvitationBody body) {
        CandidateId candidateId = CandidateId.parse(id);
        JobId jobId;
        try {
            jobId = JobId.parse(body.jobId());
        } catch (ScreeningRuleViolation e) {
            throw ScreeningRuleViolation.invalid("job_id", "no position " + body.jobId() + " in this company");
        }
        return invite.invite(new InviteCandidateCommand(company(), candidateId, jobId))
                .map(inv -> IdempotentCreate.created(inv.created(),
                        new InvitationView(inv.screening().id().toString(), inv.screening().status().name(),
                                inv.screening().candidateId().toString(), inv.screening().jobId().toString(),
                                inv.screening().expiresAt())));
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }
}
