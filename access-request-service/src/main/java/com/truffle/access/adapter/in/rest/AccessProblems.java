package com.truffle.access.adapter.in.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.truffle.access.domain.AccessRuleViolation;
import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemResponder;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The access rules' refusals, as problem+json with a stable type per rule. */
class AccessProblems {

    @Inject
    ProblemResponder responder;

    @ServerExceptionMapper
    Response map(AccessRuleViolation e, HttpServerRequest request) {
        return responder.respond(toProblem(e), request);
    }

    static Problem toProblem(AccessRuleViolation e) {
        Problem p = switch (e.rule()) {
            case PAID_PLAN_REQUIRED -> Problem.of(403, "paid-plan-required", "API access needs a paid plan", e.getMessage())
                    .with("upgrade_url", "https://app.truffle.dev/settings/billing");
            case ALREADY_APPROVED -> Problem.of(409, "access-already-approved", "Already approved", e.getMessage());
            case ACCESS_SUSPENDED -> Problem.of(409, "access-suspended", "API access suspended", e.getMessage());
            case NOT_PENDING -> Problem.of(409, "request-not-pending", "Request not pending", e.getMessage());
            case ILLEGAL_TRANSITION -> Problem.of(409, "illegal-transition", "Not allowed now", e.getMessage());
            case REASON_REQUIRED -> Problem.of(422, "validation", "Invalid request", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError("reason", "must not be blank")));
            case INVALID_COMPANY_ID -> Problem.of(400, "invalid-company-id", "Invalid company id", e.getMessage());
            case INVALID_CURSOR -> Problem.of(400, "invalid-cursor", "Invalid cursor", e.getMessage());
            case NOT_FOUND -> Problem.of(404, "not-found", "Not found", e.getMessage());
        };
        return p;
    }
}
