package com.truffle.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.truffle.deploy.net.Ports;

/**
 * A PostgreSQL server of the suite's own (initdb + pg_ctl from the machine's PostgreSQL binaries) on a free port, so
 * that scenario 2 can stop and start it under load without touching the machine's server or anyone else's
 * databases. As root, the server runs as the {@code postgres} OS user (PostgreSQL refuses to run as root); its data
 * directory lives under the system temp dir (readable by that user) and is deleted on {@link #close()}.
 */
final class DedicatedPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private DedicatedPostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** A new cluster, started; empty where the machine has no PostgreSQL binaries (then scenario 2 cannot run). */
    static Optional<DedicatedPostgres> create() {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("truffle-reliability-pg-");
            DedicatedPostgres pg = new DedicatedPostgres(bin.get(), dir.resolve("data"), Ports.free(), root);
            if (root) {
                run(List.of("chown", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
            }
            pg.pg("initdb", "-D", pg.dataDir.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
            // four services x (20 reactive + 2 JDBC) connections, the suite's JDBC snapshots and the bootstrap
            Files.writeString(pg.dataDir.resolve("postgresql.conf"), String.join("\n",
                    "", "listen_addresses = '127.0.0.1'", "port = " + pg.port, "max_connections = 300",
                    "unix_socket_directories = '" + dir + "'", "fsync = off", "synchronous_commit = on", ""),
                    StandardOpenOption.APPEND);
            pg.start();
            return Optional.of(pg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() {
        pg("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolveSibling("server.log").toString(), "-w", "-t", "60", "start");
    }

    /**
     * Stops the server as a crash would: {@code -m immediate} kills every backend without a checkpoint, so the next
     * start replays the WAL (crash recovery), and every client connection drops at once.
     */
    void crash() {
        pg("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    @Override
    public void close() {
        try {
            pg("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        } catch (RuntimeException ignored) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dataDir.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind
        }
    }

    private void pg(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command, Duration.ofSeconds(90));
    }

    private static void run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} (Debian's layout), or {@code PG_BIN}. */
    private static Optional<Path> binaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "pg_ctl"))) {
            return Optional.of(Path.of(configured));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
