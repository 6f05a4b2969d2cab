package com.truffle.deploy.stack.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's {@link HttpServer} with just enough routing for the stack's little servers (dev IdP, Ashby
 * sandbox, SMTP catcher's view): method + path regex routes, JSON in and out, 404/405 for the rest, and an
 * exception in a handler becomes a 500 instead of a hung connection. Binds to 127.0.0.1 only.
 */
public final class SmallHttpServer implements AutoCloseable {

    /** One shared mapper: these servers speak plain JSON and never need per-server settings. */
    public static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @FunctionalInterface
    public interface Handler {
        void handle(Request request) throws IOException;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final String name;
    private final List<Route> routes = new ArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    public SmallHttpServer(String name) {
        this.name = name;
    }

    /** Adds a route; {@code pathRegex} must match the whole path, its groups are available to the handler. */
    public SmallHttpServer route(String method, String pathRegex, Handler handler) {
        if (server != null) {
            throw new IllegalStateException("routes must be added before start()");
        }
        routes.add(new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), handler));
        return this;
    }

    /** Binds 127.0.0.1:{@code port} (0 = any free port) and starts serving. */
    public SmallHttpServer start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " could not listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        return this;
    }

    public int port() {
        requireStarted();
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException(name + " is not running");
        }
    }

    private void dispatch(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Set<String> allowed = new LinkedHashSet<>();
            for (Route route : routes) {
                Matcher m = route.path().matcher(path);
                if (!m.matches()) {
                    continue;
                }
                if (route.method().equals(method)) {
                    Request request = new Request(exchange, m);
                    try {
                        route.handler().handle(request);
                    } catch (RuntimeException | IOException e) {
                        if (!request.responded) {
                            request.json(500, error("internal_error", name + " failed: " + e));
                        }
                    }
                    if (!request.responded) {
                        request.empty(204);
                    }
                    return;
                }
                allowed.add(route.method());
            }
            Request request = new Request(exchange, null);
            if (!allowed.isEmpty()) {
                exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
                request.json(405, error("method_not_allowed", method + " is not allowed on " + path));
            } else {
                request.json(404, error("not_found", "no route for " + method + " " + path + " on the " + name));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing left to answer
        } finally {
            exchange.close();
        }
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    /** One request: its path groups, query, body, and the ways to answer it (exactly once). */
    public static final class Request {

        private final HttpExchange exchange;
        private final Matcher path;
        private byte[] body;
        private boolean responded;

        Request(HttpExchange exchange, Matcher path) {
            this.exchange = exchange;
            this.path = path;
        }

        public HttpExchange exchange() {
            return exchange;
        }

        /** The URL-decoded value of a path group. */
        public String pathGroup(int group) {
            return URLDecoder.decode(path.group(group), StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        /** The first value of each query parameter, URL-decoded. */
        public Map<String, String> query() {
            Map<String, String> out = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw == null || raw.isEmpty()) {
                return out;
            }
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            }
            return out;
        }

        public byte[] bodyBytes() throws IOException {
            if (body == null) {
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
            }
            return body;
        }

        public String bodyText() throws IOException {
            return new String(bodyBytes(), StandardCharsets.UTF_8);
        }

        /** The body parsed as JSON, or {@code null} when it is empty or not JSON. */
        public JsonNode jsonOrNull() throws IOException {
            String text = bodyText();
            if (text.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        public void header(String name, String value) {
            exchange.getResponseHeaders().set(name, value);
        }

        public void json(int status, Object body) throws IOException {
            send(status, "application/json", JSON.writeValueAsBytes(body));
        }

        public void send(int status, String contentType, byte[] bytes) throws IOException {
            if (responded) {
                throw new IllegalStateException("already answered");
            }
            responded = true;
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        public void empty(int status) throws IOException {
            if (responded) {
                throw new IllegalStateException("already answered");
            }
            responded = true;
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
