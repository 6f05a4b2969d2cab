package com.truffle.platform.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.truffle.platform.persistence.DatabaseUnavailable;
import com.truffle.platform.web.RequestIds;

/**
 * Every error leaves a service as application/problem+json: domain answers (ProblemException),
 * validation (422 with field errors), malformed bodies (400), security (401/403), routing (404/405/415)
 * a database that is not answering (503 with Retry-After: nothing was written) and anything unexpected (500,
 * logged with the request id, never with a stack trace in the body).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String SCREENER = "/screener/";

    @Inject
    ProblemResponder responder;

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return respond(e.problem(), request);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return respond(ProblemType.VALIDATION.problem("The request has " + errors.size() + " invalid field(s).").withErrors(errors), request);
    }

    /** Listed one by one: Quarkus REST ships its own (application/json) mappers for the specific Jackson types. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class,
            com.fasterxml.jackson.databind.exc.ValueInstantiationException.class,
            com.fasterxml.jackson.databind.exc.InvalidTypeIdException.class})
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return respond(malformed(e), request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return respond(ProblemType.UNAUTHENTICATED.problem("Valid credentials are required."), request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthorized(null, request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(ProblemType.FORBIDDEN.problem("These credentials may not use this route."), request);
    }

    /** Two writers raced on one aggregate; the loser may simply retry. */
    @ServerExceptionMapper({jakarta.persistence.OptimisticLockException.class, org.hibernate.StaleStateException.class})
    public Response conflict(RuntimeException e, HttpServerRequest request) {
        return respond(ProblemType.CONCURRENT_CHANGE.problem("Someone else changed this at the same moment; read it again and retry."), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return json(jpe, request);
        }
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException && cause != null && !(cause instanceof WebApplicationException)) {
            // JAX-RS answers a query or path parameter that does not convert (?limit=abc) with 404: it is bad input
            return respond(ProblemType.INVALID_PARAMETER.problem("A query or path parameter has the wrong type (e.g. 'limit' must be a whole number)."), request);
        }
        return respond(forStatus(status, request.method().name()), request);
    }

    /** The problem for a refusal JAX-RS decided by status alone (routing, negotiation, an unreadable body). */
    public static Problem forStatus(int status, String method) {
        return switch (status) {
            case 400 -> ProblemType.MALFORMED_REQUEST.problem("The request could not be read.");
            case 401 -> ProblemType.UNAUTHENTICATED.problem("Valid credentials are required.");
            case 403 -> ProblemType.FORBIDDEN.problem("These credentials may not use this route.");
            case 404 -> ProblemType.NOT_FOUND.problem("No such resource.");
            case 405 -> ProblemType.METHOD_NOT_ALLOWED.problem("This route does not accept " + method + ".");
            case 406 -> ProblemType.NOT_ACCEPTABLE.problem("This route answers application/json.");
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("Send the body as application/json.");
            default -> status >= 500
                    ? Problem.of(status, "internal", "Internal error", "Something went wrong on our side.")
                    : Problem.of(status, "http-" + status, "Request refused", "The request was refused.");
        };
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseUnavailable.is(e)) {
            LOG.warnf("database unavailable answering %s %s (request %s): %s", request.method(), loggablePath(request.path()),
                    RequestIds.of(request), e.toString());
            return respond(unavailable(), request);
        }
        if (unreadableForm(e)) {
            return respond(ProblemType.MALFORMED_REQUEST.problem("The form body could not be read."), request);
        }
        LOG.errorf("unexpected error answering %s %s (request %s): %s", request.method(), loggablePath(request.path()),
                RequestIds.of(request), e.toString());
        return respond(ProblemType.INTERNAL.problem("Something went wrong on our side; quote the request id to support."), request);
    }

    /**
     * A form body whose %-escapes do not decode ({@code a=%zz}): RESTEasy's form reader throws URLDecoder's
     * IllegalArgumentException while reading it, before the resource runs. The caller's mistake, not ours (FuzzIT, F5).
     */
    static boolean unreadableForm(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().startsWith("URLDecoder:")) {
                return true;
            }
        }
        return false;
    }

    /** The database is down or restarting: nothing was written, the caller may simply retry in a moment. */
    public static Problem unavailable() {
        return ProblemType.SERVICE_UNAVAILABLE.problem("This service cannot reach its database for a moment; nothing was changed. Retry in a few seconds.")
                .with("retry_after_seconds", DatabaseUnavailable.RETRY_AFTER_SECONDS);
    }

    /** The screener's token is the candidate's only credential: it never reaches a log ({@code /screener/{token}/…}). */
    public static String loggablePath(String path) {
        if (path == null || !path.startsWith(SCREENER)) {
            return path;
        }
        int end = path.indexOf('/', SCREENER.length());
        return SCREENER + "{token}" + (end < 0 ? "" : path.substring(end));
    }

    static Problem malformed(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return ProblemType.MALFORMED_JSON.problem("The request body is not valid JSON.");
        }
        if (e instanceof JsonMappingException jme && !(jme instanceof UnrecognizedPropertyException)) {
            String field = jsonPath(jme.getPath());
            String message = e instanceof InvalidFormatException ife && ife.getTargetType() != null && ife.getTargetType().isEnum()
                    ? "must be one of " + java.util.Arrays.toString(ife.getTargetType().getEnumConstants())
                    : e instanceof MismatchedInputException mie && mie.getTargetType() != null
                            ? "must be " + describe(mie.getTargetType())
                            : "has the wrong type";
            return ProblemType.MALFORMED_REQUEST.problem(field.isEmpty() ? "The request body has the wrong shape." : "Field '" + field + "' " + message + ".")
                    .withErrors(field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, message)));
        }
        return ProblemType.MALFORMED_REQUEST.problem("The request body could not be read.");
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** "create.request.questions[0].prompt" -> "questions[0].prompt", in snake_case like the JSON. */
    static String fieldOf(Path path) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Path.Node node : path) {
            depth++;
            // the first two nodes are the method and its parameter
            if (depth <= 2 && (node.getKind() == jakarta.validation.ElementKind.METHOD
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER)) {
                continue;
            }
            // a node inside a list carries the list's index: questions[1].prompt is "questions", then "prompt" at [1]
            if (node.isInIterable() && node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            // an element itself (List<@NotBlank String> tags: "tags", then "<list element>" at [1]) has no name of its own
            if (node.getName() == null || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(snake(node.getName()));
        }
        return sb.toString();
    }

    static String snake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Response respond(Problem problem, HttpServerRequest request) {
        return responder.respond(problem, request);
    }
}
