package com.truffle.deploy.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.truffle.deploy.net.Ports;
import com.truffle.deploy.stack.LocalStack.GatewayReplica;
import com.truffle.deploy.stack.LocalStack.Service;

/**
 * The services as supervised child JVMs ({@code <module>/target/quarkus-app/quarkus-run.jar}, each with its
 * environment contract): starting them and waiting until each answers {@code /q/health/ready}, reporting one that
 * dies later, stopping and restarting one, extra gateway replicas, and (development) the pid file through which
 * the next launcher stops the children of one that was killed.
 */
final class ServiceFleet {

    private static final String PIDS_FILE = "children.pids";

    private final StackSettings settings;
    private final StackPorts ports;
    private final StackLifecycle lifecycle;
    private final HttpClient http;
    private final Function<Service, Map<String, String>> environment;
    private final Map<String, ChildProcess> children = new ConcurrentHashMap<>();

    /** {@code environment}: a service's contract, read when it (or a gateway replica) starts. */
    ServiceFleet(StackSettings settings, StackPorts ports, StackLifecycle lifecycle, HttpClient http,
                 Function<Service, Map<String, String>> environment) {
        this.settings = settings;
        this.ports = ports;
        this.lifecycle = lifecycle;
        this.http = http;
        this.environment = environment;
    }

    /** Fails with "build first" when a selected module's jar is missing. */
    void checkJars() {
        List<String> missing = settings.selectedModules.stream()
                .map(this::jar)
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> settings.repoRoot.relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new LocalStackException("build first: ./mvnw -DskipTests package (in " + settings.repoRoot
                    + "; missing " + String.join(", ", missing) + ")");
        }
    }

    private Path jar(String module) {
        return settings.repoRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** Starts {@code name}, a process of {@code module}'s jar, logging to {@code log}. */
    private ChildProcess launch(String name, String module, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.serviceJvmOptions);
        command.add("-jar");
        command.add(jar(module).toString());
        ChildProcess child = ChildProcess.start(name, command, env, ServiceCatalogue.CONTRACT_VARIABLES,
                settings.repoRoot.resolve(module), log);
        children.put(name, child);
        return child;
    }

    /** Starts the modules and returns once all are ready. */
    void start(List<String> modules) {
        for (String module : modules) {
            Path log = settings.logFile(module);
            ChildProcess child = launch(module, module, environment.apply(ServiceCatalogue.service(module)), log);
            settings.out.printf("Starting %-24s pid %-7d port %-5d log %s%n", module, child.pid(), ports.port(module),
                    settings.displayPath(log));
            child.onExit().thenAccept(p -> {
                // a crash after start-up: say so at once instead of leaving a silent hole in the stack
                if (lifecycle.isRunning() && children.get(module) == child) {
                    settings.out.println("!! " + module + " exited unexpectedly with code " + p.exitValue()
                            + "; last lines of " + log + ":" + System.lineSeparator() + ChildProcess.tail(log, 20));
                }
            });
        }
        writePidsFile();
        awaitReady(modules);
    }

    /** Stops one module (SIGTERM, up to 10 s, then SIGKILL), if it runs. */
    void stop(String module) {
        ChildProcess child = children.remove(module);
        if (child != null) {
            settings.out.println("Stopping " + module + "...");
            child.stop(ChildProcess.DEFAULT_GRACE);
            writePidsFile();
        }
    }

    boolean isRunning(String module) {
        ChildProcess child = children.get(module);
        return child != null && child.isAlive();
    }

    /** The pid of a running module's (or replica's) process, or -1. */
    long pid(String name) {
        ChildProcess child = children.get(name);
        return child == null ? -1 : child.pid();
    }

    boolean isEmpty() {
        return children.isEmpty();
    }

    /** Stops every child at once (and, in development, forgets the pid file); prints what it stops. */
    void stopAll() {
        List<ChildProcess> running = new ArrayList<>(children.values());
        children.clear();
        if (running.isEmpty()) {
            return;
        }
        settings.out.println("Stopping " + running.stream().map(ChildProcess::name).collect(Collectors.joining(", "))
                + "...");
        settings.quietly(() -> ChildProcess.stopAll(running, ChildProcess.DEFAULT_GRACE));
        if (settings.development()) {
            settings.quietly(() -> Files.deleteIfExists(settings.workDir.resolve(PIDS_FILE)));
        }
    }

    // ------------------------------------------------------------------ readiness

    /**
     * Polls {@code GET /q/health/ready} of each module until all answer 200, failing fast when a process exits
     * and after the readiness timeout with the tail of each laggard's log.
     */
    private void awaitReady(List<String> modules) {
        Duration timeout = settings.readinessTimeout;
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long nextProgress = t0 + TimeUnit.SECONDS.toNanos(15);
        Map<String, String> lastSeen = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(modules);
        while (true) {
            lifecycle.abortIfClosed();
            for (String module : List.copyOf(pending)) {
                ChildProcess child = children.get(module);
                if (child == null || !child.isAlive()) {
                    String code = child == null ? "?" : String.valueOf(child.process().exitValue());
                    throw new LocalStackException(module + " exited with code " + code + " while starting. Last lines of "
                            + settings.logFile(module) + ":" + System.lineSeparator()
                            + ChildProcess.tail(settings.logFile(module), 40));
                }
                String seen = probeReady(module);
                if (seen == null) {
                    pending.remove(module);
                    settings.out.printf("  ready  %-24s %s%n", module, StackSettings.took(child.startedAt()));
                } else {
                    lastSeen.put(module, seen);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                StringBuilder msg = new StringBuilder("not ready after " + timeout.toSeconds() + " s: "
                        + String.join(", ", pending));
                for (String module : pending) {
                    Path log = settings.logFile(module);
                    msg.append(System.lineSeparator()).append("--- ").append(module).append(": ")
                            .append(lastSeen.get(module)).append("; last lines of ").append(log)
                            .append(':').append(System.lineSeparator()).append(ChildProcess.tail(log, 30));
                }
                throw new LocalStackException(msg.toString());
            }
            if (now > nextProgress) {
                settings.out.printf("  waiting for %s (%d s)%n", String.join(", ", pending),
                        TimeUnit.NANOSECONDS.toSeconds(now - t0));
                nextProgress = now + TimeUnit.SECONDS.toNanos(15);
            }
            // pause between rounds, but wake up at once when a pending process exits
            CompletableFuture<?>[] exits = pending.stream().map(children::get)
                    .map(ChildProcess::onExit).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.anyOf(exits).get(250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // next round
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while waiting for " + pending);
            }
        }
    }

    /** null when ready, else what was seen (status and body, or the connection error). */
    private String probeReady(String module) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ports.managementUrl(module) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return null;
            }
            String body = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
            return "HTTP " + r.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        } catch (IOException e) {
            return "not answering (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    // ------------------------------------------------------------------ gateway replicas

    /** Another gateway on ports of its own, otherwise with the first one's environment; returns once it is ready. */
    GatewayReplica startGatewayReplica() {
        String gateway = ServiceCatalogue.API_GATEWAY;
        int port = Ports.free();
        int management = Ports.free();
        String name = gateway + "-" + (children.keySet().stream().filter(k -> k.startsWith(gateway)).count() + 1);
        Map<String, String> env = environment.apply(ServiceCatalogue.service(gateway));
        env.put("PORT", String.valueOf(port));
        env.put("MANAGEMENT_PORT", String.valueOf(management));
        Path log = settings.logFile(name);
        ChildProcess child = launch(name, gateway, env, log);
        writePidsFile();
        String managementUrl = "http://127.0.0.1:" + management;
        long deadline = System.nanoTime() + settings.readinessTimeout.toNanos();
        while (true) {
            if (!child.isAlive()) {
                throw new LocalStackException(name + " exited during start-up; last lines of " + log + ":"
                        + System.lineSeparator() + ChildProcess.tail(log, 20));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while " + name + " started");
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackException(name + " not ready within " + settings.readinessTimeout.toSeconds()
                        + " s; last lines of " + log + ":" + System.lineSeparator() + ChildProcess.tail(log, 20));
            }
            try {
                child.onExit().get(100, TimeUnit.MILLISECONDS); // a pause that ends at once if it exits
            } catch (TimeoutException | ExecutionException e) {
                // next round
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while " + name + " started");
            }
        }
        settings.out.printf("Started %-25s pid %-7d port %-5d log %s%n", name, child.pid(), port, settings.displayPath(log));
        return new GatewayReplica(name, "http://127.0.0.1:" + port, managementUrl, child.pid());
    }

    // ------------------------------------------------------------------ leftovers of a killed launcher

    /** Records the children (pid, start time) so a launcher killed with SIGKILL does not block the next run. */
    private void writePidsFile() {
        if (!settings.development()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        children.forEach((module, child) -> child.process().toHandle().info().startInstant().ifPresent(started ->
                sb.append(module).append(' ').append(child.pid()).append(' ').append(started.toEpochMilli())
                        .append('\n')));
        settings.quietly(() -> Files.writeString(settings.workDir.resolve(PIDS_FILE), sb.toString()));
    }

    /** Stops service processes a previous, killed launcher left running (only those it recorded itself). */
    void stopLeftoverChildren() throws IOException {
        Path file = settings.workDir.resolve(PIDS_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<ProcessHandle> leftovers = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split(" ");
            if (f.length != 3) {
                continue;
            }
            try {
                long pid = Long.parseLong(f[1]);
                long started = Long.parseLong(f[2]);
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started)
                        .filter(h -> h.info().commandLine().orElse("").contains("quarkus-run.jar"))
                        .ifPresent(h -> {
                            settings.out.println("Stopping " + f[0] + " (pid " + pid + ") left running by an earlier local stack");
                            leftovers.add(h);
                        });
            } catch (NumberFormatException ignored) {
                // not a line we wrote
            }
        }
        ChildProcess.stopHandles(leftovers, ChildProcess.DEFAULT_GRACE);
        Files.deleteIfExists(file);
    }
}
