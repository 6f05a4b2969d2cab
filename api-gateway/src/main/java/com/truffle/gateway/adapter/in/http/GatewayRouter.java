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
import com.truffle.gateway.domain.routing.Route;
import com.truffle.gateway.domain.routing.RouteTable;
import com.truffle.platform.web.page.BrowserContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
    /** The shared stylesheet and script of the pages (platform/web-kit), served by Quarkus from the classpath. */
    private static final String ASSETS = "/assets/";
    private static final String FORM = "application/x-www-form-urlencoded";

    private enum Outcome { FORWARDED, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, ERROR }

    private final AuthorizeRequestUseCase authorize;
    private final ForwardRequestPort forward;
    private final SignInRoutes signIn;
    private final RouteTable routes;
    private final CookieSettings cookies;
    private final BodyHandler forms = BodyHandler.create(false).setBodyLimit(BrowserContract.MAX_FORM_BYTES)
            .setHandleFileUploads(false).setMergeFormAttributes(false);
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    @Inject
    public GatewayRouter(AuthorizeRequestUseCase authorize, ForwardRequestPort forward, SignInRoutes signIn, RouteTable routes,
            CookieSettings cookies, MeterRegistry registry) {
        this.authorize = authorize;
        this.forward = forward;
        this.signIn = signIn;
        this.routes = routes;
        this.cookies = cookies;
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("truffle.gateway.requests")
                    .description("Requests by what the gateway did with them")
                    .tag("outcome", o.name().toLowerCase()).register(registry));
        }
    }

    void install(@Observes Router router) {
        // after the filters (request id), before Quarkus' not-found handler
        signIn.install(router);
        router.route().handler(this::readBrowserForm);
        router.route().handler(this::handle);
        router.route().failureHandler(this::failed);
    }

    /**
     * A form a signed-in browser posts carries its CSRF token in the body: only then is a body read at the edge
     * (at most {@link BrowserContract#MAX_FORM_BYTES}, else 413), and forwarded as read. Everything else streams.
     */
    void readBrowserForm(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        String type = r.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.regionMatches(true, 0, FORM, 0, FORM.length()) && !isSafe(r.method().name())
                && sessionCookie(r) != null) {
            forms.handle(rc);
        } else {
            rc.next();
        }
    }

    void failed(RoutingContext rc) {
        if (rc.statusCode() == 413) {
            deny(rc, Denial.payloadTooLarge(BrowserContract.MAX_FORM_BYTES), Outcome.ERROR);
        } else {
            rc.next();
        }
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        if (path != null && (path.startsWith(OPENAPI) || path.startsWith(SWAGGER_UI) || path.startsWith(ASSETS))) {
            rc.next(); // the public API's documentation and the pages' stylesheet: Quarkus answers
            return;
        }
        request.pause();
        String session = sessionCookie(request);
        InboundCall call = session == null
                ? new InboundCall(request.method().name(), path, request.getHeader(HttpHeaders.AUTHORIZATION))
                : new InboundCall(request.method().name(), path, request.getHeader(HttpHeaders.AUTHORIZATION), session,
                        presentedCsrf(rc), request.getHeader(HttpHeaders.ORIGIN), request.getHeader("Sec-Fetch-Site"));
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
            forward.forward(new VertxInboundExchange(rc),
                    new ForwardInstruction(f.route().upstream(), f.internalToken(), requestId, traceparent, f.browserCsrf()));
        } else {
            Denial d = ((Deny) decision).denial();
            if (d.status() == 401 && "sign-in-required".equals(d.slug()) && isSafe(rc.request().method().name())) {
                outcomes.get(Outcome.UNAUTHENTICATED).increment();
                SignInRoutes.redirect(rc, "/login?next=" + java.net.URLEncoder.encode(rc.request().uri(),
                        java.nio.charset.StandardCharsets.UTF_8));
                rc.request().resume();
                return;
            }
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
        HttpServerRequest r = rc.request();
        Route route = routes.match(r.method().name(), r.path());
        ProblemResponses.send(rc.response(), denial, RequestIdFilter.of(rc),
                DenialFormat.forRequest(route, r.path(), r.getHeader(HttpHeaders.ACCEPT)));
        r.resume(); // drain (and drop) whatever body the caller sends
    }

    /** The browser session cookie's value, or null; a request without any Cookie header costs one lookup. */
    private String sessionCookie(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.COOKIE) == null) {
            return null;
        }
        io.vertx.core.http.Cookie c = request.getCookie(cookies.session());
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    /** The CSRF token a browser presents: the header (scripts) or the form field (forms, read by {@link #readBrowserForm}). */
    private static String presentedCsrf(RoutingContext rc) {
        String header = rc.request().getHeader(BrowserContract.CSRF_HEADER);
        if (header != null) {
            return header;
        }
        return rc.body().available() ? rc.request().getFormAttribute(BrowserContract.CSRF_FIELD) : null;
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
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

    /**
     * The Vert.x request, handed to the forwarding adapter as is (it streams the body from it), and its routing
     * context (which holds the body when the edge had to read a browser's form).
     */
    private record VertxInboundExchange(RoutingContext rc) implements ForwardRequestPort.InboundExchange {
        @Override
        public <T> T unwrap(Class<T> type) {
            return type == RoutingContext.class ? type.cast(rc) : type.cast(rc.request());
        }
    }
}
