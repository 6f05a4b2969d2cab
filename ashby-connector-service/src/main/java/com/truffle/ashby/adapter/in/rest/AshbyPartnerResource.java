package com.truffle.ashby.adapter.in.rest;

import java.io.IOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.adapter.in.rest.AshbyEnvelope.AssessmentRef;
import com.truffle.ashby.adapter.in.rest.AshbyEnvelope.AssessmentType;
import com.truffle.ashby.application.port.in.CancelAssessmentUseCase;
import com.truffle.ashby.application.port.in.CancelAssessmentUseCase.CancelAssessmentCommand;
import com.truffle.ashby.application.port.in.ListAssessmentTypesUseCase;
import com.truffle.ashby.application.port.in.StartAssessmentUseCase;
import com.truffle.ashby.application.port.in.StartAssessmentUseCase.StartAssessmentCommand;
import com.truffle.ashby.domain.AshbyRuleViolation;
import com.truffle.ashby.domain.Candidate;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.PartnerCallRefused;
import com.truffle.platform.persistence.DatabaseUnavailable;
import com.truffle.platform.problem.ProblemException;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.platform.web.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The endpoints Ashby calls (reference §3), behind the gateway, which authenticates Ashby's partner key and forwards
 * with the company in the internal JWT. Ashby's wire format throughout, errors included: never problem+json here.
 * Bodies are read leniently (unknown fields ignored, only what we truly need required), as Ashby adds fields over time.
 */
@Path("/partners/ashby")
@RolesAllowed(Roles.PARTNER_ASHBY)
@Produces(MediaType.APPLICATION_JSON)
public class AshbyPartnerResource {

    private static final Logger LOG = Logger.getLogger(AshbyPartnerResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_ID = 255;
    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 100;

    @Inject
    ListAssessmentTypesUseCase list;
    @Inject
    StartAssessmentUseCase start;
    @Inject
    CancelAssessmentUseCase cancel;
    @Inject
    Caller caller;

    @POST
    @Path("/assessment.list")
    public Uni<Response> list(String body, @Context HttpServerRequest request) {
        return Uni.createFrom().deferred(() -> list.assessmentTypes(company()))
                .map(types -> AshbyEnvelope.ok(types.stream().map(t -> new AssessmentType(t.id(), t.name(), t.description())).toList()))
                .onFailure().recoverWithItem(e -> failure(e, request));
    }

    @POST
    @Path("/assessment.start")
    public Uni<Response> start(String body, @Context HttpServerRequest request) {
        return Uni.createFrom().deferred(() -> {
            JsonNode json = parse(body);
            JsonNode candidate = json.path("candidate");
            String email = id(candidate, "email", MAX_EMAIL);
            StartAssessmentCommand command = new StartAssessmentCommand(company(), id(json, "assessment_type_id", MAX_ID),
                    id(json.path("application"), "ashby_id", MAX_ID),
                    email == null ? null : new Candidate(email, name(candidate, "first_name"), name(candidate, "last_name"),
                            id(candidate, "ashby_id", MAX_ID)));
            return start.start(command);
        }).map(id -> AshbyEnvelope.ok(new AssessmentRef(id.toString())))
                .onFailure().recoverWithItem(e -> failure(e, request));
    }

    @POST
    @Path("/assessment.cancel")
    public Uni<Response> cancel(String body, @Context HttpServerRequest request) {
        return Uni.createFrom().deferred(() -> {
            String id = id(parse(body), "assessment_id", MAX_ID);
            if (id == null || id.isBlank()) {
                throw new MalformedRequest("assessment_id is required");
            }
            return cancel.cancel(new CancelAssessmentCommand(company(), id)).replaceWith(id);
        }).map(id -> AshbyEnvelope.ok(new AssessmentRef(id))).onFailure().recoverWithItem(e -> failure(e, request));
    }

    /** The spec's path for the custom-field list. We define no custom fields. */
    @POST
    @Path("/assessment.customField.list")
    public Response customFields(String body) {
        company();
        return AshbyEnvelope.fields();
    }

    /** The newest reference page's name for the same call ("customFields.fetch"); serving both costs nothing. */
    @POST
    @Path("/assessment.customFields.fetch")
    public Response customFieldsFetch(String body) {
        company();
        return AshbyEnvelope.fields();
    }

    @ServerExceptionMapper
    Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return AshbyEnvelope.failure(401, "unauthenticated", "Valid partner credentials are required.", RequestIds.of(request));
    }

    @ServerExceptionMapper
    Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(null, request);
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return AshbyEnvelope.failure(403, "forbidden", "These credentials may not call the Ashby partner endpoints.",
                RequestIds.of(request));
    }

    /** Whatever else escapes a partner route (the custom-field ones, a body Quarkus could not read) stays in Ashby's shape. */
    @ServerExceptionMapper
    Response other(Exception e, HttpServerRequest request) {
        return failure(e, request);
    }

    /**
     * Errors in the shape Ashby's spec gives each endpoint: {@code assessment.start} answers 409 while the application is
     * already being assessed and 422 {@code {message}} for what the Ashby user must fix (shown to them); list, cancel
     * and the custom-field list answer errors the connector decides as HTTP 200 with {@code success:false} and
     * {@code errorInfo}. Credentials (401/403) and Truffle's own failures (5xx, for Ashby to retry) keep their status.
     */
    private Response failure(Throwable e, HttpServerRequest request) {
        String requestId = RequestIds.of(request);
        boolean start = request.path() != null && request.path().endsWith("/assessment.start");
        if (e instanceof PartnerCallRefused p && p.reason() == PartnerCallRefused.Reason.ALREADY_BEING_ASSESSED) {
            return AshbyEnvelope.conflict(p.getMessage());
        }
        if (e instanceof MalformedRequest || e instanceof PartnerCallRefused) {
            String code = e instanceof PartnerCallRefused p && p.reason() == PartnerCallRefused.Reason.INTEGRATION_INACTIVE
                    ? "integration_inactive" : "invalid_input";
            return start ? AshbyEnvelope.userMessage(e.getMessage()) : AshbyEnvelope.failure(200, code, e.getMessage(), requestId);
        }
        if (e instanceof AshbyRuleViolation || e instanceof ProblemException) {
            // a token without a (valid) company: the gateway never sends one for a partner key
            return AshbyEnvelope.failure(403, "forbidden", "These credentials do not belong to a Truffle company.", requestId);
        }
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            String message = "The request was refused (HTTP " + w.getResponse().getStatus() + ").";
            return start ? AshbyEnvelope.userMessage(message) : AshbyEnvelope.failure(200, "invalid_input", message, requestId);
        }
        if (DatabaseUnavailable.is(e)) {
            LOG.warnf("Ashby partner call %s: database unavailable (request %s): %s", request.path(), requestId, e.toString());
            return Response.fromResponse(AshbyEnvelope.failure(503, "service_unavailable",
                            "Truffle is briefly unavailable; nothing was changed. Retry in a few seconds.", requestId))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf("Ashby partner call %s failed (request %s): %s", request.path(), requestId, e.toString());
        return AshbyEnvelope.failure(500, "internal_error", "Something went wrong on Truffle's side; quote the request id.", requestId);
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedRequest("Request payload is malformed: expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedRequest("Request payload is malformed: not JSON");
        }
    }

    /** A string member; numbers are taken as their text (an id is an id), anything else as absent. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || !(v.isTextual() || v.isNumber())) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    /** An id (or email) Ashby sends: longer than any real one is a malformed request, not something to store. */
    private static String id(JsonNode node, String field, int max) {
        String v = text(node, field);
        if (v != null && v.length() > max) {
            throw new MalformedRequest(field + " is too long (at most " + max + " characters)");
        }
        return v;
    }

    /** A person's name: kept to the length screening-service accepts rather than refusing the candidate. */
    private static String name(JsonNode node, String field) {
        String v = text(node, field);
        return v == null || v.length() <= MAX_NAME ? v : v.substring(0, MAX_NAME);
    }

    /** A body Ashby should never send: 422 {message} on start, {@code success:false invalid_input} elsewhere. */
    static final class MalformedRequest extends RuntimeException {
        MalformedRequest(String message) {
            super(message, null, false, false);
        }
    }
}
