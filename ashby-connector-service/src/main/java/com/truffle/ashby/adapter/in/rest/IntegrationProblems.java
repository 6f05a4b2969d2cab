package com.truffle.ashby.adapter.in.rest;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.KeyCheck;
import com.truffle.platform.problem.Problem;
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
            case PAID_PLAN_REQUIRED -> Problem.of(403, "paid-plan-required", "Available on paid plans", e.getMessage())
                    .with("upgrade_url", "https://app.truffle.dev/settings/billing");
            case ALREADY_CONNECTED -> Problem.of(409, "ashby-already-connected", "Already connected", e.getMessage());
            case NOT_CONNECTED -> Problem.of(409, "ashby-not-connected", "Not connected", e.getMessage());
            case RECONNECT_REQUIRED -> Problem.of(409, "ashby-reconnect-required", "Reconnect Ashby", e.getMessage());
            case ASHBY_KEY_REJECTED -> Problem.of(422, "ashby-key-rejected", "Ashby rejected this key", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError("ashby_api_key", "rejected by Ashby")));
            case ASHBY_KEY_LACKS_PERMISSION -> Problem.of(422, "ashby-key-lacks-permission", "This Ashby key cannot post results",
                    e.getMessage()).with("missing_permission", KeyCheck.WRITE_PERMISSION)
                    .withErrors(List.of(new Problem.FieldError("ashby_api_key", "missing the " + KeyCheck.WRITE_PERMISSION + " permission")));
            case INVALID_ASHBY_KEY -> Problem.of(422, "validation", "Invalid request", e.getMessage())
                    .withErrors(List.of(new Problem.FieldError("ashby_api_key", e.getMessage())));
            case ASHBY_UNAVAILABLE -> Problem.of(502, "ashby-unavailable", "Ashby is not answering", e.getMessage());
            case PARTNER_KEY_REFUSED -> Problem.of(403, "partner-key-refused", "Truffle key not issued", e.getMessage());
            case KEY_SERVICE_UNAVAILABLE -> Problem.of(503, "key-service-unavailable", "Try again shortly", e.getMessage())
                    .with("retry_after_seconds", 5);
            case INVALID_COMPANY_ID -> Problem.of(400, "invalid-company-id", "Invalid company id", e.getMessage());
        };
    }
}
