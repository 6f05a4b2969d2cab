package com.truffle.ashby.adapter.in.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.truffle.platform.problem.ProblemMappers;
import com.truffle.platform.problem.ProblemResponder;
import com.truffle.platform.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An {@code Accept} or {@code Content-Type} the routes cannot serve is refused before any resource method is chosen, so
 * {@link AshbyPartnerResource}'s own mappers never see it: on {@code /partners/ashby/*} the refusal still comes in
 * Ashby's envelope (its clients read nothing else); elsewhere it is the usual problem.
 */
class PartnerNegotiationProblems {

    static final String PARTNER_ROUTES = "/partners/ashby/";

    @Inject
    ProblemResponder responder;

    @ServerExceptionMapper
    Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return refuse(e, "not_acceptable", "The Ashby partner endpoints answer application/json.", request);
    }

    @ServerExceptionMapper
    Response unsupported(NotSupportedException e, HttpServerRequest request) {
        return refuse(e, "unsupported_media_type", "Send the body as application/json.", request);
    }

    private Response refuse(WebApplicationException e, String code, String message, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (request.path() != null && request.path().startsWith(PARTNER_ROUTES)) {
            return AshbyEnvelope.failure(status, code, message, RequestIds.of(request));
        }
        return responder.respond(ProblemMappers.forStatus(status, request.method().name()), request);
    }
}
