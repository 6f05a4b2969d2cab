package com.truffle.gateway.adapter.in.http;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.AuthorizeRequestUseCase;
import com.truffle.gateway.application.port.in.LimitClientsUseCase;
import com.truffle.gateway.domain.access.ClientAddress;
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
import com.truffle.platform.browser.BrowserContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
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
    private final ClientAddress clients;
    private final LimitClientsUseCase limits;
    /** Body readers by limit (a handful of distinct limits: see {@link Route#maxBodyBytes}). */
    private final Map<Long, BodyHandler> bodyReaders = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String BODY_LIMIT = "truffle.body-limit";
    /** The longest path and query forwarded (the services' request line is at most 4,096 bytes). */
    static final int MAX_URI_CHARS = 4_000;
    /** Up to this, a body of unknown length (chunked) is read at the edge, so its limit holds; above, it streams. */
    private static final long READ_UP_TO = 64 * 1024;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

    @Inject
    public GatewayRouter(AuthorizeRequestUseCase authorize, ForwardRequestPort forward, SignInRoutes signIn, RouteTable routes,
            CookieSettings cookies, ClientAddress clients, LimitClientsUseCase limits, MeterRegistry registry) {
        this.authorize = authorize;
        this.forward = forward;
        this.signIn = signIn;
        this.routes = routes;
        this.cookies = cookies;
        this.clients = clients;
        this.limits = limits;
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("truffle.gateway.requests")
                    .description("Requests by what the gateway did with them")
                    .tag("outcome", o.name().toLowerCase()).register(registry));
        }
    }

    void install(@Observes Router router) {
        // after the filters (request id), before Quarkus' not-found handler
        router.routeWithRegex("/(login|logout|auth/.*)").handler(this::limitSignIn);
        signIn.install(router);
        router.route().handler(this::limitUri);
        router.route().handler(this::limitBody);
        router.route().handler(this::handle);
        router.route().failureHandler(this::failed);
    }

    /**
     * The request target the services behind can read ({@link #MAX_URI_CHARS}, under their HTTP codec's 4,096-byte
     * request line): longer is a 414 problem here. The gateway's own codec reads lines up to 64 KiB
     * ({@code quarkus.http.limits.max-initial-line-length}), so only a longer one still gets Vert.x's bare 414.
     */
    void limitUri(RoutingContext rc) {
        if (rc.request().uri().length() > MAX_URI_CHARS) {
            deny(rc, Denial.uriTooLong(MAX_URI_CHARS), Outcome.ERROR);
        } else {
            rc.next();
        }
    }

    /** The sign-in steps are public: limited per client address like the screener. */
    void limitSignIn(RoutingContext rc) {
        long retryAfter = limits.retryAfterSeconds(LimitClientsUseCase.Kind.PUBLIC, client(rc.request()));
        if (retryAfter > 0) {
            deny(rc, Denial.clientRateLimited(retryAfter), Outcome.RATE_LIMITED);
        } else {
            rc.next();
        }
    }

    /**
     * Each route's body limit ({@link Route#maxBodyBytes}) holds at the edge: a declared length above it is 413 at
     * once; a body of unknown length on a small-limit route is read here, up to its limit. A form a signed-in browser
     * posts is read too, as it carries its CSRF token. What is read is forwarded as read; everything else streams.
     */
    void limitBody(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        if (isSafe(r.method().name())) {
            rc.next();
            return;
        }
        Route route = routes.match(r.method().name(), r.path());
        if (route == null) {
            rc.next();
            return;
        }
        long limit = route.maxBodyBytes();
        rc.put(BODY_LIMIT, limit);
        String declared = r.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            if (length > limit) {
                deny(rc, Denial.payloadTooLarge(limit), Outcome.ERROR);
                return;
            }
        }
        String type = r.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean browserForm = type != null && type.regionMatches(true, 0, FORM, 0, FORM.length()) && sessionCookie(r) != null;
        if (browserForm || (declared == null && limit <= READ_UP_TO)) {
            bodyReaders.computeIfAbsent(limit, l -> BodyHandler.create(false).setBodyLimit(l).setHandleFileUploads(false)
                    .setMergeFormAttributes(false)).handle(rc);
        } else {
            rc.next();
        }
    }

    void failed(RoutingContext rc) {
        if (rc.statusCode() == 413) {
            Long limit = rc.get(BODY_LIMIT);
            deny(rc, Denial.payloadTooLarge(limit == null ? BrowserContract.MAX_FORM_BYTES : limit), Outcome.ERROR);
        } else {
            rc.next();
        }
    }

    /** The caller's address: the socket's peer, or what a trusted proxy says it forwarded for. */
    private String client(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return clients.of(peer == null ? null : peer.hostAddress(), request.getHeader("X-Forwarded-For"));
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
        InboundCall call = (session == null
                ? new InboundCall(request.method().name(), path, request.getHeader(HttpHeaders.AUTHORIZATION))
                : new InboundCall(request.method().name(), path, request.getHeader(HttpHeaders.AUTHORIZATION), session,
                        presentedCsrf(rc), request.getHeader(HttpHeaders.ORIGIN), request.getHeader("Sec-Fetch-Site"), null))
                .from(client(request));
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
