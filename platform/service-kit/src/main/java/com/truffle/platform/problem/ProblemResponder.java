package com.truffle.platform.problem;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;

import com.truffle.platform.web.RequestIds;

/** Turns a problem into the HTTP answer: status, application/problem+json, request id, Retry-After when asked. */
@Singleton
public class ProblemResponder {

    @Inject
    ObjectMapper mapper;

    public Response respond(Problem problem, HttpServerRequest request) {
        problem.withRequestId(RequestIds.of(request));
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.getStatus() + "}";
        }
        Response.ResponseBuilder rb = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(body);
        if (problem.getExtensions().get("retry_after_seconds") instanceof Number n) {
            rb.header("Retry-After", n.longValue());
        }
        return rb.build();
    }
}
