package com.truffle.deploy.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one stack was configured with (its flavour, directories, environment overrides, modules, timeouts and where
 * it prints), set through {@link LocalStack}'s builder methods before it starts and read by each of its parts, with
 * the few helpers they share to read the overrides, print progress and tidy the work directory.
 */
final class StackSettings {

    /** The two flavours: {@link LocalStack#forDevelopment(Path)} and {@link LocalStack#forTests(Path)}. */
    enum Mode { DEVELOPMENT, TESTS }

    /** All a test stack reads from the environment: a developer's shell cannot redirect it to a real Ashby. */
    private static final Set<String> TEST_ENVIRONMENT = Set.of("PG_HOST", "PG_PORT", "PG_USER", "PG_PASSWORD");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mode mode;
    final Path repoRoot;
    Path workDir;
    Path logDir;
    private final Map<String, String> environment;
    String databaseSuffix;
    boolean dropDatabasesOnClose;
    Duration readinessTimeout = Duration.ofSeconds(90);
    /** null: the dev IdP's own URL, as for any OpenID provider. */
    String idpIssuer;
    List<String> serviceJvmOptions = ServiceCatalogue.DEFAULT_SERVICE_JVM_OPTIONS;
    Set<String> selectedModules = new LinkedHashSet<>(ServiceCatalogue.MODULES);
    /** The module a developer runs in quarkus:dev (run.sh --dev): not started here, but given its database. */
    String developedModule;
    PrintStream out = System.out;

    private StackSettings(Mode mode, Path repoRoot, Path workDir, Map<String, String> environment) {
        this.mode = mode;
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        workDir(workDir);
        this.environment = new HashMap<>(environment);
    }

    /** See {@link LocalStack#forDevelopment(Path)}. */
    static StackSettings forDevelopment(Path repoRoot) {
        StackSettings settings = new StackSettings(Mode.DEVELOPMENT, repoRoot, repoRoot.resolve(".local-stack"),
                System.getenv());
        settings.databaseSuffix = "";
        settings.dropDatabasesOnClose = false;
        return settings;
    }

    /** See {@link LocalStack#forTests(Path)}. */
    static StackSettings forTests(Path repoRoot) {
        String run = randomSuffix(8);
        Path base = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir"));
        Map<String, String> env = System.getenv().entrySet().stream()
                .filter(e -> TEST_ENVIRONMENT.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        StackSettings settings = new StackSettings(Mode.TESTS, repoRoot, base.resolve("local-stack").resolve(run), env);
        settings.databaseSuffix = "_it_" + run;
        settings.dropDatabasesOnClose = true;
        return settings;
    }

    static String randomSuffix(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ changes (LocalStack's builder methods)

    void workDir(Path dir) {
        this.workDir = dir.toAbsolutePath().normalize();
        this.logDir = workDir.resolve("logs");
    }

    void databaseSuffix(String suffix) {
        if (!suffix.matches("[a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("a database suffix is [a-z0-9_]{0,30}, got " + suffix);
        }
        this.databaseSuffix = suffix;
    }

    /** Sets an environment override; null removes it. */
    void environment(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
    }

    void services(String... modules) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String m : modules) {
            ServiceCatalogue.service(m);
            chosen.add(m);
        }
        this.selectedModules = chosen;
    }

    void developing(String module) {
        ServiceCatalogue.service(module);
        Set<String> others = new LinkedHashSet<>(ServiceCatalogue.MODULES);
        others.remove(module);
        this.selectedModules = others;
        this.developedModule = module;
    }

    // ------------------------------------------------------------------ reading


    boolean development() {
        return mode == Mode.DEVELOPMENT;
    }

    /** The log file of a module (or of a gateway replica). */
    Path logFile(String name) {
        return logDir.resolve(name + ".log");
    }

    /** An environment override, trimmed; {@code fallback} when unset or blank. */
    String env(String name, String fallback) {
        String v = environment.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    static int parsePort(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LocalStackException(name + " must be a port number, got " + value);
        }
    }

    // ------------------------------------------------------------------ progress

    String displayPath(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    static String took(long t0Nanos) {
        return String.format(Locale.ROOT, "  (%.1f s)", (System.nanoTime() - t0Nanos) / 1e9);
    }

    static String took(Instant since) {
        return String.format(Locale.ROOT, "  (%.1f s)", Duration.between(since, Instant.now()).toMillis() / 1e3);
    }

    /** A step that may fail. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Runs a stopping step; a failure is printed, not thrown, so the next step still runs. */
    void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            out.println("  (while stopping: " + e.getMessage() + ")");
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
