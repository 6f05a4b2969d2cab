package com.truffle.gateway.adapter.in.http;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase;
import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase.Deny;
import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase.Forward;
import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase.GatewayDecision;
import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase.InboundCall;
import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase.Pending;
import com.truffle.gateway.application.port.out.ForwardRequestPort;
import com.truffle.gateway.application.port.out.ForwardRequestPort.ForwardInstruction;
import com.truffle.gateway.domain.forwarding.TraceContext;
import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.problem.DenialFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * The public door: every request but the public API docs ({@code /q/openapi}, {@code /q/swagger-ui}) comes here, is decided by the application
 * ({@link AuthorizeRequestUseCase}) and is either streamed to its service or answered with a problem. The request
 * body is paused until the decision, so nothing is read (let alone buffered) before the caller is known.
 */
@ApplicationScoped
public class GatewayRouter {

    private static final Logger LOG = Logger.getLogger(GatewayRouter.class);
    /** Quarkus answers these on the public port; health and metrics live on the management port only. */
    private static final String OPENAPI = "/q/openapi";
    private static final String SWAGGER_UI = "/q/swagger-ui";

    private enum Outcome { FORWARDED, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, ERROR }

    private final AuthorizeRequestUseCase authorize;
    private final ForwardRequestPort forward;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    @Inject
    public GatewayRouter(AuthorizeRequestUseCase authorize, ForwardRequestPort forward, MeterRegistry registry) {
        this.authorize = authorize;
        this.forward = forward;
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("truffle.gateway.requests")
                    .description("Requests by what the gateway did with them")
                    .tag("outcome", o.name().toLowerCase()).register(registry));
        }
    }

    void install(@Observes Router router) {
        // after the filters (request id), before Quarkus' not-found handler
        router.route().handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        if (path != null && (path.startsWith(OPENAPI) || path.startsWith(SWAGGER_UI))) {
            rc.next(); // the public API's documentation: Quarkus answers
            return;
        }
        request.pause();
        InboundCall call = new InboundCall(request.method().name(), path, request.getHeader(HttpHeaders.AUTHORIZATION));
        GatewayDecision decision;
        try {
            decision = authorize.authorize(call);
        } catch (RuntimeException e) {
            LOG.errorf("could not decide %s %s: %s", call.method(), loggable(path), e.toString());
            deny(rc, Denial.internalError(), Outcome.ERROR);
            return;
        }
        if (decision instanceof Pending pending) {
            Context context = Vertx.currentContext();
            pending.decision().subscribe().with(
                    later -> onContext(context, () -> act(rc, later)),
                    failure -> onContext(context, () -> {
                        LOG.errorf("could not decide %s %s: %s", call.method(), loggable(path), failure.toString());
                        deny(rc, Denial.internalError(), Outcome.ERROR);
                    }));
            return;
        }
        act(rc, decision);
    }

    private void act(RoutingContext rc, GatewayDecision decision) {
        if (decision instanceof Forward f) {
            outcomes.get(Outcome.FORWARDED).increment();
            String requestId = RequestIdFilter.of(rc);
            String traceparent = TraceContext.forward(rc.request().getHeader("traceparent"));
            forward.forward(new VertxInboundExchange(rc.request()),
                    new ForwardInstruction(f.route().upstream(), f.internalToken(), requestId, traceparent));
        } else {
            Denial d = ((Deny) decision).denial();
            deny(rc, d, switch (d.status()) {
                case 404 -> Outcome.NOT_FOUND;
                case 401 -> Outcome.UNAUTHENTICATED;
                case 403 -> Outcome.FORBIDDEN;
                case 429 -> Outcome.RATE_LIMITED;
                default -> Outcome.ERROR;
            });
        }
    }

    private void deny(RoutingContext rc, Denial denial, Outcome outcome) {
        outcomes.get(outcome).increment();
        ProblemResponses.send(rc.response(), denial, RequestIdFilter.of(rc), DenialFormat.forPath(rc.request().path()));
        rc.request().resume(); // drain (and drop) whatever body the caller sends
    }

    /** The screener's token is the candidate's only credential: it never reaches a log. */
    static String loggable(String path) {
        if (path == null || !path.startsWith("/screener/")) {
            return path;
        }
        int end = path.indexOf('/', "/screener/".length());
        return "/screener/{token}" + (end < 0 ? "" : path.substring(end));
    }

    /** Back on the request's own event loop when the decision completed elsewhere (a key-service answer, a worker). */
    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** The Vert.x request, handed to the forwarding adapter as is (it streams the body from it). */
    private record VertxInboundExchange(HttpServerRequest request) implements ForwardRequestPort.InboundExchange {
        @Override
        public <T> T unwrap(Class<T> type) {
            return type.cast(request);
        }
    }
}
