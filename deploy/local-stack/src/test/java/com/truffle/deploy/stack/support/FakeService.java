package com.truffle.deploy.stack.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a service process in the supervisor and stack tests, self-contained (JDK only) so it can be
 * packaged alone as a fake {@code quarkus-run.jar}. It listens on {@code $PORT} and answers
 * {@code GET /q/health/ready} with 200 (on {@code $MANAGEMENT_PORT} instead when that is set, as the gateway does)
 * and {@code GET /env} with its environment as JSON.
 * <ul>
 *   <li>{@code FAKE_CHILD_PORT=n}: also starts a grandchild process (this class again) listening on n;</li>
 *   <li>{@code FAKE_IGNORE_TERM=true}: a shutdown hook that never returns, so SIGTERM is not enough;</li>
 *   <li>a file named {@code crash} in the working directory: prints a message and exits with code 3;</li>
 *   <li>a file named {@code never-ready} there: readiness answers 503 forever.</li>
 * </ul>
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        if (Files.exists(Path.of("crash"))) {
            System.out.println("FakeService: simulated start-up failure (Port already bound: the usual suspect)");
            System.exit(3);
        }
        // before listening: once the port answers, SIGTERM must already be ignored
        if ("true".equals(System.getenv("FAKE_IGNORE_TERM"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        String managementPort = System.getenv("MANAGEMENT_PORT");
        HttpServer management = managementPort == null ? server
                : HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(managementPort)), 16);
        boolean neverReady = Files.exists(Path.of("never-ready"));
        management.createContext("/q/health/ready", exchange -> {
            if (neverReady) {
                send(exchange.getResponseBody(), exchange, 503, "{\"status\":\"DOWN\",\"checks\":[]}");
            } else {
                send(exchange.getResponseBody(), exchange, 200, "{\"status\":\"UP\"}");
            }
        });
        server.createContext("/env", exchange -> {
            send(exchange.getResponseBody(), exchange, 200, json(new TreeMap<>(System.getenv())));
        });
        server.start();
        if (management != server) {
            management.start();
        }
        System.out.println("FakeService listening on " + port + " in " + Path.of("").toAbsolutePath());

        String childPort = System.getenv("FAKE_CHILD_PORT");
        if (childPort != null) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FakeService.class.getName())
                    .inheritIO();
            pb.environment().remove("FAKE_CHILD_PORT");
            pb.environment().put("PORT", childPort);
            Process child = pb.start();
            System.out.println("FakeService started a child, pid " + child.pid());
        }
        new CountDownLatch(1).await();
    }

    private static void send(OutputStream body, com.sun.net.httpserver.HttpExchange exchange, int status, String json)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (body) {
            body.write(bytes);
        }
    }

    private static String json(Map<String, String> map) {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(k)).append(':').append(quote(v));
        });
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
