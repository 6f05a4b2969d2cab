package com.truffle.screening.adapter.in.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.screening.adapter.in.rest.HiringDtos.AnswerBody;
import com.truffle.screening.adapter.in.rest.HiringDtos.SubmitBody;
import com.truffle.screening.application.port.in.TakeScreeningUseCase;
import com.truffle.screening.application.port.in.TakeScreeningUseCase.SubmitAnswersCommand;
import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.QuestionId;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The candidate's screener. Public: the gateway forwards it without credentials, the token in the link is the
 * only key (unguessable, only its hash stored). The keywords are never shown to the candidate.
 */
@Path("/screener/{token}")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ScreenerResource {

    @Inject
    TakeScreeningUseCase screener;

    record JobSummary(String title) {
    }

    record CompanySummary(String name) {
    }

    record ScreenerQuestion(String id, String prompt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ScreenerView(String status, boolean expired, Instant expiresAt, JobSummary job, CompanySummary company,
            List<ScreenerQuestion> questions) {
    }

    record StatusView(String status) {
    }

    @GET
    public Uni<ScreenerView> get(@RestPath String token) {
        return screener.view(token).map(v -> {
            Screening s = v.screening();
            return new ScreenerView(s.status().name(), v.expired(), s.expiresAt(), new JobSummary(s.jobTitle()),
                    new CompanySummary(v.companyName()),
                    s.questions().stream().map(q -> new ScreenerQuestion(q.id().toString(), q.prompt())).toList());
        });
    }

    @POST
    @Path("/start")
    public Uni<StatusView> start(@RestPath String token) {
        return screener.start(token).map(s -> new StatusView(s.status().name()));
    }

    @POST
    @Path("/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<StatusView> submit(@RestPath String token, @Valid @NotNull SubmitBody body) {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < body.answers().size(); i++) {
            AnswerBody a = body.answers().get(i);
            try {
                answers.add(new Answer(QuestionId.parse(a.questionId()), a.answer()));
            } catch (ScreeningRuleViolation e) {
                throw ScreeningRuleViolation.invalid("answers[" + i + "].question_id", "is not a question of this screening");
            }
        }
        return screener.submit(new SubmitAnswersCommand(token, answers)).map(s -> new StatusView(s.status().name()));
    }
}
