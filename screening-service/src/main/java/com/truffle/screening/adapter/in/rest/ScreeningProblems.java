package com.truffle.screening.adapter.in.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemResponder;
import com.truffle.screening.domain.RateLimitExceeded;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.vertx.core.http.HttpServerRequest;
import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The hiring rules' refusals as problem+json, one stable type per rule. */
class ScreeningProblems {

    @Inject
    ProblemResponder responder;

    @ServerExceptionMapper
    Response map(ScreeningRuleViolation e, HttpServerRequest request) {
        return responder.respond(toProblem(e), request);
    }

    @ServerExceptionMapper({StaleObjectStateException.class, OptimisticLockException.class})
    Response concurrent(Exception e, HttpServerRequest request) {
        return responder.respond(Problem.of(409, "concurrent-change", "Changed meanwhile",
                "Another request changed this resource at the same time; read it again and retry."), request);
    }

    static Problem toProblem(ScreeningRuleViolation e) {
        Problem p = switch (e.rule()) {
            case NOT_FOUND -> Problem.of(404, "not-found", "Not found", e.getMessage());
            case INVALID_INPUT -> Problem.of(422, "validation", "Invalid request",
                    e.field() == null ? e.getMessage() : "Field '" + e.field() + "' " + e.getMessage() + ".");
            case INVALID_CURSOR -> Problem.of(400, "invalid-cursor", "Invalid cursor", e.getMessage());
            case INVALID_COMPANY_ID -> Problem.of(400, "invalid-company-id", "Invalid company id", e.getMessage());
            case EMAIL_TAKEN -> Problem.of(409, "candidate-email-taken", "Email already used", e.getMessage());
            case JOB_CLOSED -> Problem.of(409, "job-closed", "Position closed", e.getMessage());
            case SCREENING_NOT_STARTED -> Problem.of(409, "screening-not-started", "Screening not started", e.getMessage());
            case SCREENING_COMPLETED -> Problem.of(409, "screening-completed", "Screening completed", e.getMessage());
            case SCREENING_CANCELLED -> Problem.of(409, "screening-cancelled", "Screening cancelled", e.getMessage());
            case SCREENING_EXPIRED -> Problem.of(410, "screening-expired", "Screening link expired", e.getMessage());
            case WEBHOOK_LIMIT_REACHED -> Problem.of(409, "webhook-limit-reached", "Too many webhooks", e.getMessage());
            case CONCURRENT_CHANGE -> Problem.of(409, "concurrent-change", "Changed meanwhile", e.getMessage());
            case RATE_LIMITED -> Problem.of(429, "rate-limited", "Too many requests", e.getMessage())
                    .with("retry_after_seconds", e instanceof RateLimitExceeded limited ? limited.retryAfterSeconds() : 1L);
        };
        if (e.field() != null) {
            p.withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return p;
    }
}
