package com.truffle.screening.adapter.in.rest;

import java.util.List;

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
import com.truffle.screening.adapter.in.rest.HiringDtos.CreateJobBody;
import com.truffle.screening.adapter.in.rest.HiringDtos.JobView;
import com.truffle.screening.adapter.in.rest.HiringDtos.ListView;
import com.truffle.screening.adapter.in.rest.HiringDtos.QuestionBody;
import com.truffle.screening.adapter.in.rest.HiringDtos.UpdateJobBody;
import com.truffle.screening.application.port.in.CreateJobUseCase;
import com.truffle.screening.application.port.in.CreateJobUseCase.CreateJobCommand;
import com.truffle.screening.application.port.in.CreateJobUseCase.QuestionInput;
import com.truffle.screening.application.port.in.QueryHiringUseCase;
import com.truffle.screening.application.port.in.UpdateJobUseCase;
import com.truffle.screening.application.port.in.UpdateJobUseCase.UpdateJobCommand;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.JobFilter;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.JobStatus;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Positions (job postings) with their screening questions; PATCH also opens and closes ({@code "status"}). */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    CreateJobUseCase create;
    @Inject
    UpdateJobUseCase update;
    @Inject
    QueryHiringUseCase query;
    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Roles.READ)
    public Uni<ListView<JobView>> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return query.jobs(new JobFilter(company(), Params.optionalEnum("status", status, JobStatus.class),
                Params.optionalText(cursor), limit))
                .map(page -> new ListView<>(page.data().stream().map(JobView::of).toList(), page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READ)
    public Uni<JobView> get(@RestPath String id) {
        JobId jobId = JobId.parse(id);
        return query.job(company(), jobId)
                .map(found -> JobView.of(found.orElseThrow(() -> ScreeningRuleViolation.notFound("job", id))));
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JobView>> create(@Valid @NotNull CreateJobBody body) {
        return create.create(new CreateJobCommand(company(), body.title(), body.description(), questions(body.questions()),
                body.status())).map(job -> RestResponse.status(RestResponse.Status.CREATED, JobView.of(job)));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JobView> update(@RestPath String id, @Valid @NotNull UpdateJobBody body) {
        JobId jobId = JobId.parse(id);
        return update.update(new UpdateJobCommand(company(), jobId, body.title(), body.description(),
                body.questions() == null ? null : questions(body.questions()), body.status())).map(JobView::of);
    }

    private static List<QuestionInput> questions(List<QuestionBody> bodies) {
        return bodies.stream().map(q -> new QuestionInput(q.id(), q.prompt(), q.keywords())).toList();
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }
}
