package com.truffle.screening.adapter.in.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.problem.ProblemResponder;
import com.truffle.screening.domain.RateLimitExceeded;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The hiring rules' refusals as problem+json, one stable type per rule. */
class ScreeningProblems {

    @Inject
    ProblemResponder responder;

    @ServerExceptionMapper
    Response map(ScreeningRuleViolation e, HttpServerRequest request) {
        return responder.respond(toProblem(e), request);
    }

    static Problem toProblem(ScreeningRuleViolation e) {
        Problem p = switch (e.rule()) {
            case NOT_FOUND -> ProblemType.NOT_FOUND.problem(e.getMessage());
            case INVALID_INPUT -> ProblemType.VALIDATION.problem(e.field() == null ? e.getMessage() : "Field '" + e.field() + "' " + e.getMessage() + ".");
            case INVALID_CURSOR -> ProblemType.INVALID_CURSOR.problem(e.getMessage());
            case INVALID_COMPANY_ID -> ProblemType.INVALID_COMPANY_ID.problem(e.getMessage());
            case EMAIL_TAKEN -> ProblemType.CANDIDATE_EMAIL_TAKEN.problem(e.getMessage());
            case JOB_CLOSED -> ProblemType.JOB_CLOSED.problem(e.getMessage());
            case SCREENING_NOT_STARTED -> ProblemType.SCREENING_NOT_STARTED.problem(e.getMessage());
            case SCREENING_COMPLETED -> ProblemType.SCREENING_COMPLETED.problem(e.getMessage());
            case SCREENING_CANCELLED -> ProblemType.SCREENING_CANCELLED.problem(e.getMessage());
            case SCREENING_EXPIRED -> ProblemType.SCREENING_EXPIRED.problem(e.getMessage());
            case WEBHOOK_LIMIT_REACHED -> ProblemType.WEBHOOK_LIMIT_REACHED.problem(e.getMessage());
            case CONCURRENT_CHANGE -> ProblemType.CONCURRENT_CHANGE.problem(e.getMessage());
            case RATE_LIMITED -> ProblemType.RATE_LIMITED.problem(e.getMessage())
                    .with("retry_after_seconds", e instanceof RateLimitExceeded limited ? limited.retryAfterSeconds() : 1L);
        };
        if (e.field() != null) {
            p.withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return p;
    }
}
