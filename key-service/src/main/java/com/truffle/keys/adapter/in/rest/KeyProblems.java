package com.truffle.keys.adapter.in.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.problem.ProblemResponder;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The key rules' refusals as problem+json, one stable type per rule. */
class KeyProblems {

    @Inject
    ProblemResponder responder;

    @ServerExceptionMapper
    Response map(KeyRuleViolation e, HttpServerRequest request) {
        Problem p = switch (e.rule()) {
            case ACCESS_NOT_APPROVED -> ProblemType.API_ACCESS_NOT_APPROVED.problem(e.getMessage());
            case PLAN_NOT_PAID -> ProblemType.PAID_PLAN_REQUIRED.problem(e.getMessage());
            case TOO_MANY_KEYS -> ProblemType.KEY_LIMIT_REACHED.problem(e.getMessage());
            case PARTNER_KEY_EXISTS -> ProblemType.PARTNER_KEY_EXISTS.problem(e.getMessage());
            case INVALID -> ProblemType.VALIDATION.problem(e.getMessage())
                    .withErrors(e.fields().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList());
            case REVOKED, NOT_FOUND -> ProblemType.NOT_FOUND.problem(e.getMessage());
        };
        return responder.respond(p, request);
    }
}
