package com.truffle.gateway.adapter.out.upstream;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.LearnKeyStateUseCase;
import com.truffle.gateway.application.port.out.ForwardRequestPort;
import com.truffle.gateway.domain.forwarding.ForwardingPolicy;
import com.truffle.gateway.domain.problem.Denial;
import com.truffle.gateway.domain.problem.DenialFormat;
import com.truffle.gateway.domain.routing.Upstream;
import com.truffle.platform.apikeys.KeyStateHeader;
import com.truffle.platform.browser.BrowserContract;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

/**
 * Streams an admitted request to its service with Vert.x's reverse proxy: bodies flow through in both directions
 * chunk by chunk (with back-pressure), never held whole. Before that, every identity header the caller sent is
 * removed and the gateway's own are set: the internal JWT, X-Request-Id, traceparent, X-Forwarded-*.
 *
 * <p>On the way back, key-service's answer to a key change carries the key's new state ({@link KeyStateHeader}): it is
 * applied here, before the answer is sent on, and removed from every answer whatever service sent it.
 */
@ApplicationScoped
public class UpstreamProxy implements ForwardRequestPort {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String FORWARDED_HOST = "X-Forwarded-Host";
    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    private final Vertx vertx;
    private final UpstreamSettings settings;
    private final LearnKeyStateUseCase keyChanges;
    /**
     * One client (and its connection pools) per event loop: a request and its upstream connection then live on the
     * same thread, instead of a pooled connection of another event loop costing two thread hops per request.
     */
    private final ThreadLocal<Map<Upstream, HttpProxy>> proxies = ThreadLocal.withInitial(this::newProxies);
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

    @Inject
    public UpstreamProxy(Vertx vertx, UpstreamSettings settings, LearnKeyStateUseCase keyChanges) {
        this.vertx = vertx;
        this.settings = settings;
        this.keyChanges = keyChanges;
    }

    private Map<Upstream, HttpProxy> newProxies() {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout(2_000)
                        .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(settings.maxConnectionsPerService()).setMaxWaitQueueSize(10_000));
        clients.add(client);
        Map<Upstream, HttpProxy> proxies = new EnumMap<>(Upstream.class);
        for (Upstream upstream : Upstream.values()) {
            URI url = settings.urls().get(upstream);
            boolean ssl = url.getScheme().equals("https");
            int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
            SocketAddress address = SocketAddress.inetSocketAddress(port, url.getHost());
            long idleTimeout = settings.timeout().toMillis();
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .origin(ctx -> ctx.client().request(new RequestOptions()
                            .setServer(address).setHost(url.getHost()).setPort(port).setSsl(ssl)
                            .setIdleTimeout(idleTimeout)))
                    .addInterceptor(new Answers(upstream, keyChanges, contentSecurityPolicy(settings.formTargets()),
                            url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")));
            proxies.put(upstream, proxy);
        }
        return proxies;
    }

    @PreDestroy
    void stop() {
        clients.forEach(HttpClient::close);
    }

    /**
     * The body the edge already read (a browser's form, for its CSRF token), handed from {@link #forward} to the
     * interceptor of the same request: {@code HttpProxy.handle} runs the interceptors synchronously on this thread.
     */
    private static final ThreadLocal<Buffer> READ_BODY = new ThreadLocal<>();

    /**
     * Pages: only this site's scripts and styles, no framing, no sniffing, and a referrer for this site only (a
     * screener link carries its token; {@code no-referrer} would also make browsers send {@code Origin: null} on
     * the pages' own form posts, which the cross-site check rightly refuses).
     */
    static String contentSecurityPolicy(String formTargets) {
        return "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'" + (formTargets == null || formTargets.isBlank() ? "" : " " + formTargets);
    }

    @Override
    public void forward(InboundExchange exchange, ForwardInstruction instruction) {
        RoutingContext rc = exchange.unwrap(RoutingContext.class);
        HttpServerRequest request = rc.request();
        MultiMap headers = request.headers();
        List<String> strip = new ArrayList<>();
        for (String name : headers.names()) {
            if (ForwardingPolicy.strips(name)) {
                strip.add(name);
            }
        }
        strip.forEach(headers::remove);
        if (instruction.internalToken() != null) {
            headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + instruction.internalToken());
        }
        headers.set("X-Request-Id", instruction.requestId());
        headers.set("traceparent", instruction.traceparent());
        if (instruction.browserCsrf() != null) {
            headers.set(BrowserContract.FORWARDED_CSRF_HEADER, instruction.browserCsrf());
        }
        // the gateway is the edge: it states the caller's address itself instead of trusting one it was sent
        SocketAddress remote = request.remoteAddress();
        if (remote != null && remote.hostAddress() != null) {
            headers.set(FORWARDED_FOR, remote.hostAddress());
        }
        headers.set(FORWARDED_PROTO, request.scheme() == null ? "http" : request.scheme());
        HostAndPort authority = request.authority();
        if (authority != null) {
            headers.set(FORWARDED_HOST, authority.toString());
        }
        Buffer read = rc.body().available() ? rc.body().buffer() : null;
        if (read == null) {
            proxies.get().get(instruction.upstream()).handle(request);
            return;
        }
        READ_BODY.set(read);
        try {
            proxies.get().get(instruction.upstream()).handle(request);
        } finally {
            READ_BODY.remove();
        }
    }

    /** Turns a service that cannot be reached into a problem (Ashby's envelope on its routes), and keeps one X-Request-Id. */
    private static final class Answers implements ProxyInterceptor {

        private final Upstream upstream;
        /** Only key-service's answers may change the key state; null for every other service. */
        private final LearnKeyStateUseCase keyChanges;
        private final String contentSecurityPolicy;
        /** The service's own origin, as it would write it in an absolute Location. */
        private final String origin;

        Answers(Upstream upstream, LearnKeyStateUseCase keyChanges, String contentSecurityPolicy, String origin) {
            this.upstream = upstream;
            this.keyChanges = upstream == Upstream.KEY_SERVICE ? keyChanges : null;
            this.contentSecurityPolicy = contentSecurityPolicy;
            this.origin = origin;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            Buffer read = READ_BODY.get();
            if (read != null) {
                READ_BODY.remove();
                context.request().setBody(Body.body(read));
            }
            return context.sendRequest().recover(failure -> {
                String requestId = context.request().proxiedRequest().getHeader("X-Request-Id");
                DenialFormat format = DenialFormat.forPath(context.request().proxiedRequest().path());
                boolean timedOut = failure.getClass().getSimpleName().contains("Timeout")
                        || String.valueOf(failure.getMessage()).contains("timeout");
                Denial denial = Denial.upstreamUnavailable(upstream.serviceName(), timedOut);
                ProxyResponse response = context.request().release().response()
                        .setStatusCode(denial.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, format.mediaType())
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .setBody(Body.body(Buffer.buffer(format.render(denial, requestId))));
                return Future.succeededFuture(response);
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            // the request-id filter has set it on the response already; the service echoes the same id
            MultiMap headers = context.response().headers();
            headers.remove("X-Request-Id");
            String keyState = headers.get(KeyStateHeader.NAME);
            if (keyState != null) {
                headers.remove(KeyStateHeader.NAME);
                if (keyChanges != null && context.response().getStatusCode() / 100 == 2) {
                    learn(keyState);
                }
            }
            String location = headers.get(HttpHeaders.LOCATION);
            if (location != null && location.startsWith(origin)) {
                // a service's absolute redirect names its own address: the browser gets the path on the gateway
                String rest = location.substring(origin.length());
                headers.set(HttpHeaders.LOCATION, rest.isEmpty() ? "/" : rest);
            }
            String type = headers.get(HttpHeaders.CONTENT_TYPE);
            if (type != null && type.startsWith("text/html")) {
                headers.set("Content-Security-Policy", contentSecurityPolicy);
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "same-origin");
            }
            headers.set("X-Content-Type-Options", "nosniff");
            if (context.response().getStatusCode() == 413 && headers.get(HttpHeaders.CONTENT_TYPE) == null) {
                // a service's own body limit answers 413 with nothing in it: the caller gets the problem it deserves
                String requestId = context.request().proxiedRequest().getHeader("X-Request-Id");
                DenialFormat format = DenialFormat.forPath(context.request().proxiedRequest().path());
                headers.remove(HttpHeaders.CONTENT_LENGTH);
                headers.set(HttpHeaders.CONTENT_TYPE, format.mediaType());
                context.response().setBody(Body.body(Buffer.buffer(format.render(Denial.payloadTooLarge(-1), requestId))));
            }
            return context.sendResponse();
        }

        private void learn(String header) {
            try {
                keyChanges.learn(new JsonObject(KeyStateHeader.decode(header)).getMap());
            } catch (IllegalArgumentException | DecodeException e) {
                // never the value: it carries a secret hash. The key-state topic still brings the change.
                LOG.warnf("unreadable %s on key-service's answer: %s", KeyStateHeader.NAME, e.getMessage());
            }
        }
    }
}
