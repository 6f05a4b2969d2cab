package com.truffle.platform.problem;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.truffle.platform.web.RequestIds;

/**
 * Turns a problem into the HTTP answer: status, application/problem+json, request id, Retry-After when asked, and the
 * members a type always carries: {@code upgrade_url} on {@link ProblemType#PAID_PLAN_REQUIRED} (the web app's billing
 * page, {@code truffle.upgrade-url} / TRUFFLE_UPGRADE_URL, the same the pages link to).
 */
@Singleton
public class ProblemResponder {

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "truffle.upgrade-url")
    String upgradeUrl;

    public Response respond(Problem problem, HttpServerRequest request) {
        problem.withRequestId(RequestIds.of(request));
        if (ProblemType.PAID_PLAN_REQUIRED.uri().equals(problem.getType())) {
            problem.with("upgrade_url", upgradeUrl);
        }
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
