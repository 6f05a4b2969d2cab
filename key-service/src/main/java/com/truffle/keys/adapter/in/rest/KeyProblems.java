package com.truffle.keys.adapter.in.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.truffle.keys.domain.KeyRuleViolation;
import com.truffle.platform.problem.Problem;
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
            case ACCESS_NOT_APPROVED -> Problem.of(403, "api-access-not-approved", "API access not approved", e.getMessage());
            case PLAN_NOT_PAID -> Problem.of(403, "paid-plan-required", "Paid plan required", e.getMessage());
            case TOO_MANY_KEYS -> Problem.of(409, "key-limit-reached", "Too many keys", e.getMessage());
            case PARTNER_KEY_EXISTS -> Problem.of(409, "partner-key-exists", "Partner key exists", e.getMessage());
            case INVALID -> Problem.of(422, "validation", "Invalid request", e.getMessage())
                    .withErrors(e.fields().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList());
            case REVOKED, NOT_FOUND -> Problem.of(404, "not-found", "Not found", e.getMessage());
        };
        return responder.respond(p, request);
    }
}
