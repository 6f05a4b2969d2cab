package com.truffle.deploy.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One supervised child process of the stack (a service JVM): started with its own environment, stdout and
 * stderr appended to a log file, and stopped so that nothing is left behind: SIGTERM to the process and all
 * of its descendants, up to a grace period for a clean shutdown, then SIGKILL to whatever still lives.
 */
public final class ChildProcess implements AutoCloseable {

    /** How long a stopped process gets to shut down cleanly before it is killed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Instant startedAt;

    private ChildProcess(String name, Process process, Path logFile, Instant startedAt) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.startedAt = startedAt;
    }

    /**
     * Starts {@code command} in {@code workingDir}. The child inherits this process's environment minus
     * {@code removeEnv}, plus {@code env}; its output is appended to {@code logFile} (created if needed),
     * after a header line naming the start.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env,
                                     Set<String> removeEnv, Path workingDir, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "===== " + Instant.now() + " starting " + name + ": "
                            + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            Map<String, String> environment = pb.environment();
            removeEnv.forEach(environment::remove);
            environment.putAll(env);
            Process process = pb.start();
            // no input for a service: EOF right away instead of a pipe nobody writes to
            process.getOutputStream().close();
            return new ChildProcess(name, process, logFile, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Stops this process and its descendants: SIGTERM, up to {@code grace}, then SIGKILL. */
    public void stop(Duration grace) {
        stopAll(List.of(this), grace);
    }

    /**
     * The {@link Process} learns of its exit through its own reaper, a moment after the handle's: wait for that
     * too, so {@link #isAlive()} is false once a stop returns.
     */
    private void awaitReaped() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop(Duration)} with the {@linkplain #DEFAULT_GRACE default grace period}. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    /**
     * Stops several processes at once (they shut down in parallel): SIGTERM to each and to every descendant,
     * then waits up to {@code grace} in total, then kills what is left. Descendants are collected before the
     * first signal, because once their parent is gone they are no longer its descendants.
     */
    public static void stopAll(Collection<ChildProcess> children, Duration grace) {
        List<ProcessHandle> handles = new ArrayList<>();
        for (ChildProcess child : children) {
            ProcessHandle self = child.process.toHandle();
            if (!self.isAlive()) {
                continue;
            }
            child.process.descendants().forEach(handles::add);
            handles.add(self);
        }
        stopHandles(handles, grace);
        children.forEach(ChildProcess::awaitReaped);
    }

    /** SIGTERM to each handle, wait up to {@code grace} in total, SIGKILL to the survivors and wait for them. */
    static void stopHandles(List<ProcessHandle> handles, Duration grace) {
        if (handles.isEmpty()) {
            return;
        }
        handles.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : handles) {
            awaitExit(h, deadline);
        }
        List<ProcessHandle> survivors = handles.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : survivors) {
            awaitExit(h, killDeadline);
        }
    }

    private static void awaitExit(ProcessHandle h, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !h.isAlive()) {
            return;
        }
        try {
            h.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still alive: the caller kills it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the log file (from the last 64 KiB), for error messages. */
    public String tailLog(int lines) {
        return tail(logFile, lines);
    }

    /** The last {@code lines} lines of a text file (from its last 64 KiB); "" when it does not exist. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] buf = new byte[size];
            raf.seek(length - size);
            raf.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\r?\n");
            return String.join(System.lineSeparator(),
                    Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
