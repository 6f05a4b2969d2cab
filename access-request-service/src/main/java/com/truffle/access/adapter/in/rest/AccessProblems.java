package com.truffle.access.adapter.in.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.truffle.access.domain.AccessRuleViolation;
import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemType;
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
            case PAID_PLAN_REQUIRED -> ProblemType.PAID_PLAN_REQUIRED.problem(e.getMessage());
            case ALREADY_APPROVED -> ProblemType.ACCESS_ALREADY_APPROVED.problem(e.getMessage());
            case ACCESS_SUSPENDED -> ProblemType.ACCESS_SUSPENDED.problem(e.getMessage());
            case NOT_PENDING -> ProblemType.REQUEST_NOT_PENDING.problem(e.getMessage());
            case ILLEGAL_TRANSITION -> ProblemType.ILLEGAL_TRANSITION.problem(e.getMessage());
            case REASON_REQUIRED -> ProblemType.VALIDATION.problem(e.getMessage())
                    .withErrors(List.of(new Problem.FieldError("reason", "must not be blank")));
            case INVALID_COMPANY_ID -> ProblemType.INVALID_COMPANY_ID.problem(e.getMessage());
            case INVALID_CURSOR -> ProblemType.INVALID_CURSOR.problem(e.getMessage());
            case NOT_FOUND -> ProblemType.NOT_FOUND.problem(e.getMessage());
        };
        return p;
    }
}
