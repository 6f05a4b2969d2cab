package com.truffle.ashby.adapter.in.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.KeyCheck;
import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.problem.ProblemResponder;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The integration's refusals on the Truffle-side routes, as problem+json with a stable type per rule. */
class IntegrationProblems {

    @Inject
    ProblemResponder responder;

    @ServerExceptionMapper
    Response map(AshbyRuleViolation e, HttpServerRequest request) {
        return responder.respond(toProblem(e), request);
    }

    /** The problem for a refusal (IntegrationsPage answers the same statuses). */
    static Problem toProblem(AshbyRuleViolation e) {
        return switch (e.rule()) {
            case PAID_PLAN_REQUIRED -> ProblemType.PAID_PLAN_REQUIRED.problem(e.getMessage());
            case ALREADY_CONNECTED -> ProblemType.ASHBY_ALREADY_CONNECTED.problem(e.getMessage());
            case NOT_CONNECTED -> ProblemType.ASHBY_NOT_CONNECTED.problem(e.getMessage());
            case RECONNECT_REQUIRED -> ProblemType.ASHBY_RECONNECT_REQUIRED.problem(e.getMessage());
            case ASHBY_KEY_REJECTED -> ProblemType.ASHBY_KEY_REJECTED.problem(e.getMessage())
                    .withErrors(List.of(new Problem.FieldError("ashby_api_key", "rejected by Ashby")));
            case ASHBY_KEY_LACKS_PERMISSION -> ProblemType.ASHBY_KEY_LACKS_PERMISSION.problem(e.getMessage()).with("missing_permission", KeyCheck.WRITE_PERMISSION)
                    .withErrors(List.of(new Problem.FieldError("ashby_api_key", "missing the " + KeyCheck.WRITE_PERMISSION + " permission")));
            case INVALID_ASHBY_KEY -> ProblemType.VALIDATION.problem(e.getMessage())
                    .withErrors(List.of(new Problem.FieldError("ashby_api_key", e.getMessage())));
            case ASHBY_UNAVAILABLE -> ProblemType.ASHBY_UNAVAILABLE.problem(e.getMessage());
            case PARTNER_KEY_REFUSED -> ProblemType.PARTNER_KEY_REFUSED.problem(e.getMessage());
            case KEY_SERVICE_UNAVAILABLE -> ProblemType.KEY_SERVICE_UNAVAILABLE.problem(e.getMessage())
                    .with("retry_after_seconds", 5);
            case INVALID_COMPANY_ID -> ProblemType.INVALID_COMPANY_ID.problem(e.getMessage());
        };
    }
}
