package com.truffle.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.truffle.platform.testing.TestKeys;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * A small stand-in for one of the services behind the gateway: it records what reached it (headers, the internal
 * JWT's verified claims, body size as it streams in) and answers like a service would: the internal JWT is
 * checked against the gateway's public key and must name this service as its audience (401 otherwise), and a resource id {@code res-of-<company>} of another
 * company than the token's is 404, as the services' tenant isolation answers.
 */
public final class FakeService {

    /** What one request looked like on arrival. */
    public record Received(String service, String method, String uri, Map<String, List<String>> headers,
            Map<String, Object> claims, long bodyBytes, int clientPort) {

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public List<String> headerValues(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private final String name;
    /** The internal JWT as this service checks it: the gateway's, and for this service ({@code aud}). */
    private final JwtConsumer internalJwt;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<HttpExchange, Boolean>> special = new ConcurrentHashMap<>();
    private final AtomicLong bodyBytesInFlight = new AtomicLong();
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private HttpServer server;
    private int port;

    public FakeService(String name) {
        this.name = name;
        this.internalJwt = new JwtConsumerBuilder()
                .setExpectedIssuer("truffle-gateway")
                .setExpectedAudience(name)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setVerificationKey(TestKeys.pair().getPublic())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    public synchronized FakeService start() {
        return start(0);
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free one); the same port again after {@link #stop()}. */
    public synchronized FakeService start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Brings the service back on the port it had. */
    public synchronized void restart() {
        if (server == null) {
            start(port);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A path this fake answers itself (e.g. key-service's /internal/keys/verify); true when it did. */
    public void handle(String path, Function<HttpExchange, Boolean> handler) {
        special.put(path, handler);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests carrying this X-Request-Id. */
    public List<Received> withRequestId(String requestId) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (requestId.equals(r.header("X-Request-Id"))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Bytes of the request body read so far by the request being handled. */
    public long bodyBytesInFlight() {
        return bodyBytesInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Function<HttpExchange, Boolean> handler = special.get(exchange.getRequestURI().getPath());
            if (handler != null && handler.apply(exchange)) {
                return;
            }
            long body = 0;
            bodyBytesInFlight.set(0);
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0;) {
                    body += n;
                    bodyBytesInFlight.addAndGet(n);
                }
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Map<String, Object> claims = null;
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                try {
                    JwtClaims c = internalJwt.processToClaims(authorization.replaceFirst("^Bearer ", ""));
                    claims = c.getClaimsMap();
                } catch (InvalidJwtException e) {
                    received.add(new Received(name, exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                            headers, null, body, exchange.getRemoteAddress().getPort()));
                    respond(exchange, 401, "{\"title\":\"internal JWT rejected\"}");
                    return;
                }
            }
            received.add(new Received(name, exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    claims, body, exchange.getRemoteAddress().getPort()));
            String company = claims == null ? null : (String) claims.get("company_id");
            String path = exchange.getRequestURI().getPath();
            int at = path.indexOf("res-of-");
            if (company != null && at >= 0) {
                String owner = path.substring(at + "res-of-".length()).split("/")[0];
                if (!owner.equals(company)) {
                    respond(exchange, 404, "{\"title\":\"Not found\"}");
                    return;
                }
            }
            exchange.getResponseHeaders().add("X-Request-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
            respond(exchange, 200, "{\"service\":\"" + name + "\",\"data\":[],\"bytes\":" + body + "}");
        } finally {
            exchange.close();
        }
    }

    public static void respond(HttpExchange exchange, int status, String json) {
        try {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
