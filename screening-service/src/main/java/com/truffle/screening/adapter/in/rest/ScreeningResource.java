package com.truffle.screening.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.screening.adapter.in.rest.HiringDtos.ListView;
import com.truffle.screening.adapter.in.rest.HiringDtos.ScreeningView;
import com.truffle.screening.application.port.in.QueryHiringUseCase;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.ScreeningFilter;
import com.truffle.screening.domain.ScreeningId;
import com.truffle.screening.domain.ScreeningRuleViolation;
import com.truffle.screening.domain.ScreeningStatus;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;

/** Screenings with their status, per-question and overall scores and the answers (oldest invitation first). */
@Path("/v1/screenings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READ)
public class ScreeningResource {

    @Inject
    QueryHiringUseCase query;
    @Inject
    Caller caller;

    @GET
    public Uni<ListView<ScreeningView>> list(@QueryParam("candidate_id") String candidateId,
            @QueryParam("candidate_email") String candidateEmail, @QueryParam("job_id") String jobId,
            @QueryParam("status") String status, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        ScreeningFilter filter = new ScreeningFilter(company(), Params.optional("candidate_id", candidateId, CandidateId::new),
                Params.optionalText(candidateEmail), Params.optional("job_id", jobId, JobId::new),
                Params.optionalEnum("status", status, ScreeningStatus.class), Params.optionalText(cursor), limit);
        return query.screenings(filter)
                .map(page -> new ListView<>(page.data().stream().map(ScreeningView::of).toList(), page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    public Uni<ScreeningView> get(@RestPath String id) {
        return query.screening(company(), ScreeningId.parse(id))
                .map(found -> ScreeningView.of(found.orElseThrow(() -> ScreeningRuleViolation.notFound("screening", id))));
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }
}
