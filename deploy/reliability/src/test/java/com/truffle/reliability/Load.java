package com.truffle.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load driver: {@code threads} loops, each calling {@code iteration} until {@link #stop()}; and the plain, fast
 * HTTP client (HTTP/1.1 keep-alive) the loops use. What the server answered is counted in a {@link Tally}.
 */
public final class Load implements AutoCloseable {

    /** One answer: its status (-1: no answer, the exception's name in {@code error}), content type and body. */
    public record Answer(int status, String contentType, String body, String error) {
        public boolean isServerError() {
            return status >= 500 || status < 0;
        }
    }

    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends one request; an I/O failure or timeout is an answer with status -1 (counted, never thrown). */
    public static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), null);
        } catch (IOException e) {
            return new Answer(-1, "", "", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "", "", "interrupted");
        }
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(Faults.stack().gatewayUrl() + path)).timeout(Duration.ofSeconds(15));
    }

    /** Counts per category and status, thread-safe. */
    public static final class Tally {
        private final Map<String, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

        public void add(String category, int status) {
            counts.computeIfAbsent(category, c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        public long count(String category, java.util.function.IntPredicate status) {
            Map<Integer, LongAdder> m = counts.get(category);
            if (m == null) {
                return 0;
            }
            return m.entrySet().stream().filter(e -> status.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
        }

        public long total(String category) {
            return count(category, s -> true);
        }

        public long all(java.util.function.IntPredicate status) {
            return counts.keySet().stream().mapToLong(c -> count(c, status)).sum();
        }

        @Override
        public String toString() {
            Map<String, Map<Integer, Long>> view = new TreeMap<>();
            counts.forEach((c, m) -> {
                Map<Integer, Long> s = new TreeMap<>();
                m.forEach((k, v) -> s.put(k, v.sum()));
                view.put(c, s);
            });
            return view.toString();
        }
    }

    @FunctionalInterface
    public interface Iteration {
        void run(int thread, long i) throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Load() {
    }

    public static Load start(String name, int threads, Iteration iteration) {
        Load load = new Load();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                long i = 0;
                while (load.running.get()) {
                    try {
                        iteration.run(thread, i++);
                    } catch (Throwable e) {
                        load.failures.add(e);
                        load.running.set(false);
                    }
                }
            }, name + "-" + t);
            th.setDaemon(true);
            load.threads.add(th);
            th.start();
        }
        return load;
    }

    /** Stops the loops, waits for them; throws the first failure an iteration threw. */
    public void stop() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("the load driver failed", failures.get(0));
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    @Override
    public void close() {
        running.set(false);
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
