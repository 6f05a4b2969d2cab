package com.truffle.deploy.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.deploy.kafka.EmbeddedKafkaBroker;
import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.deploy.net.Ports;
import com.truffle.deploy.stack.ashby.AshbySandbox;
import com.truffle.deploy.stack.http.SmallHttpServer;
import com.truffle.deploy.idp.DevIdentityProvider;
import com.truffle.deploy.stack.smtp.SmtpCatcher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The whole platform on one machine, without Docker: PostgreSQL (the one at PG_HOST/PG_PORT, else an embedded
 * one), the in-process Kafka broker, the {@linkplain DevIdentityProvider dev identity provider}, the
 * {@linkplain AshbySandbox Ashby sandbox}, the {@linkplain SmtpCatcher SMTP catcher} and the five services as
 * child JVMs ({@code <module>/target/quarkus-app/quarkus-run.jar}), each given the environment contract below,
 * then waits until every service's {@code /q/health/ready} answers 200 (the gateway's on its management port).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.forTests(repoRoot).start()) {
 *     String token = stack.mintToken("alice", "acme", List.of("company-admin"));
 *     given().baseUri(stack.gatewayUrl()).auth().oauth2(token).get("/v1/api-access");
 * }
 * }</pre>
 *
 * <p>Two flavours: {@link #forDevelopment(Path)} (the README's "start everything": fixed ports, data and
 * secrets kept in {@code .local-stack/}, environment overrides from DESIGN §8) and {@link #forTests(Path)}
 * (free ports for everything, a fresh database-name suffix whose databases are dropped on close, fresh
 * secrets, a broker with a temporary log dir; only PG_HOST/PG_PORT/PG_USER/PG_PASSWORD are read from the
 * environment, so a developer's shell cannot redirect a test run to a real Ashby).
 *
 * <p>Environment of every service: {@code PORT} (and {@code MANAGEMENT_PORT} for the gateway, whose health and
 * metrics are never on its public port), {@code PG_HOST, PG_PORT, DB_USER, DB_PASSWORD, DB_NAME} (the last
 * three not for the gateway, which has no database), {@code KAFKA_BOOTSTRAP_SERVERS,
 * TRUFFLE_INTERNAL_JWT_PUBLIC_KEY_LOCATION, QUARKUS_PROFILE=prod}; plus, for api-gateway
 * {@code TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION, TRUFFLE_IDP_JWKS_URL, TRUFFLE_IDP_ISSUER, TRUFFLE_KEY_PEPPER,
 * KEY_SERVICE_URL, ACCESS_SERVICE_URL, SCREENING_SERVICE_URL, ASHBY_CONNECTOR_URL}; key-service
 * {@code TRUFFLE_KEY_PEPPER}; screening-service {@code SMTP_HOST, SMTP_PORT, TRUFFLE_PUBLIC_URL, TRUFFLE_SCREENING_ENCRYPTION_KEY,
 * TRUFFLE_SCREENING_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true, TRUFFLE_SCREENING_WEBHOOKS_REQUIRE_HTTPS=false, SMTP_START_TLS=OPTIONAL};
 * ashby-connector-service {@code ASHBY_BASE_URL, TRUFFLE_ASHBY_ENCRYPTION_KEY, KEY_SERVICE_URL, TRUFFLE_PUBLIC_URL}.
 *
 * <p>{@link #close()} (also run by a JVM shutdown hook, so Ctrl-C works) leaves no process and no port
 * behind: children get SIGTERM, 10 s, then SIGKILL (descendants included); servers, broker and an embedded
 * PostgreSQL are stopped.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * A service module: its directory name, its port in the dev stack, the dev port of its management interface
     * (health, metrics; 0: served on its main port), its database role (null: none).
     */
    public record Service(String module, int devPort, int devManagementPort, String role) {
        public boolean hasDatabase() {
            return role != null;
        }

        public boolean hasManagementPort() {
            return devManagementPort != 0;
        }
    }

    public static final String API_GATEWAY = "api-gateway";
    public static final String KEY_SERVICE = "key-service";
    public static final String ACCESS_REQUEST_SERVICE = "access-request-service";
    public static final String SCREENING_SERVICE = "screening-service";
    public static final String ASHBY_CONNECTOR_SERVICE = "ashby-connector-service";

    public static final List<Service> SERVICES = List.of(
            new Service(API_GATEWAY, 8080, 9000, null),
            new Service(KEY_SERVICE, 8081, 0, "truffle_keys"),
            new Service(ACCESS_REQUEST_SERVICE, 8082, 0, "truffle_access"),
            new Service(SCREENING_SERVICE, 8083, 0, "truffle_screening"),
            new Service(ASHBY_CONNECTOR_SERVICE, 8084, 0, "truffle_ashby"));

    /** The five modules, gateway first. */
    public static final List<String> MODULES = SERVICES.stream().map(Service::module).toList();

    public static final int DEV_IDP_PORT = 8090;
    public static final int DEV_ASHBY_SANDBOX_PORT = 8091;
    public static final int DEV_SMTP_PORT = 2525;
    public static final int DEV_SMTP_HTTP_PORT = 8025;
    public static final int DEV_KAFKA_PORT = 9092;
    public static final int DEV_KAFKA_CONTROLLER_PORT = 9093;

    /** The JVM options of each service process: five of them must fit a small laptop or CI machine. */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS =
            List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Every variable of the contract: removed from what a child inherits before its own values are set. */
    private static final Set<String> CONTRACT_VARIABLES = Set.of("PORT", "MANAGEMENT_PORT", "PG_HOST", "PG_PORT", "DB_USER",
            "DB_PASSWORD", "DB_NAME", "KAFKA_BOOTSTRAP_SERVERS", "TRUFFLE_INTERNAL_JWT_PUBLIC_KEY_LOCATION",
            "QUARKUS_PROFILE", "TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION", "TRUFFLE_IDP_JWKS_URL",
            "TRUFFLE_IDP_ISSUER", "TRUFFLE_KEY_PEPPER", "KEY_SERVICE_URL", "ACCESS_SERVICE_URL",
            "SCREENING_SERVICE_URL", "ASHBY_CONNECTOR_URL", "SMTP_HOST", "SMTP_PORT", "TRUFFLE_PUBLIC_URL",
            "ASHBY_BASE_URL", "TRUFFLE_ASHBY_ENCRYPTION_KEY", "TRUFFLE_SCREENING_ENCRYPTION_KEY",
            "TRUFFLE_SCREENING_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "TRUFFLE_SCREENING_WEBHOOKS_REQUIRE_HTTPS", "SMTP_START_TLS",
            "TRUFFLE_SESSION_SECRET", "TRUFFLE_OIDC_CLIENT_ID",
            "TRUFFLE_OIDC_CLIENT_SECRET",
            // the admin credentials are the launcher's, never a service's
            "PG_USER", "PG_PASSWORD");

    private static final Set<String> TEST_ENVIRONMENT = Set.of("PG_HOST", "PG_PORT", "PG_USER", "PG_PASSWORD");
    private static final String PIDS_FILE = "children.pids";
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Mode { DEVELOPMENT, TESTS }

    private enum State { NEW, STARTING, RUNNING, CLOSED }

    // ------------------------------------------------------------------ configuration
    private final Mode mode;
    private final Path repoRoot;
    private Path workDir;
    private Path logDir;
    private final Map<String, String> environment;
    private String databaseSuffix;
    private boolean dropDatabasesOnClose;
    private Duration readinessTimeout = Duration.ofSeconds(90);
    /** null: the dev IdP's own URL, as for any OpenID provider. */
    private String idpIssuer;
    private List<String> serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;
    private Set<String> selectedModules = new LinkedHashSet<>(MODULES);
    /** The module a developer runs in quarkus:dev (run.sh --dev): not started here, but given its database. */
    private String developedModule;
    private PrintStream out = System.out;

    // ------------------------------------------------------------------ running state
    private volatile State state = State.NEW;
    private final Object lifecycle = new Object();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, ChildProcess> children = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private StackSecrets secrets;
    private DatabaseBootstrap database;
    private EmbeddedPostgres embeddedPostgres;
    private EmbeddedKafkaBroker broker;
    private String kafkaBootstrapServers;
    private DevIdentityProvider idp;
    private AshbySandbox ashbySandbox;
    private String ashbyBaseUrl;
    private SmtpCatcher smtpCatcher;
    private String smtpHost;
    private int smtpPort;
    private Thread shutdownHook;
    private Duration startupTime;

    private LocalStack(Mode mode, Path repoRoot, Path workDir, Map<String, String> environment) {
        this.mode = mode;
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.logDir = this.workDir.resolve("logs");
        this.environment = new HashMap<>(environment);
    }

    /**
     * The developer's stack: fixed ports (gateway 8080 or GATEWAY_PORT, services 8081-8084, IdP 8090, Ashby
     * sandbox 8091, SMTP 2525 with its view on 8025, Kafka 9092/9093), data, logs and secrets kept in
     * {@code <repoRoot>/.local-stack/}, and every override of DESIGN §8 read from the environment.
     */
    public static LocalStack forDevelopment(Path repoRoot) {
        LocalStack stack = new LocalStack(Mode.DEVELOPMENT, repoRoot, repoRoot.resolve(".local-stack"),
                System.getenv());
        stack.databaseSuffix = "";
        stack.dropDatabasesOnClose = false;
        return stack;
    }

    /**
     * A stack for system tests: free ports for everything, databases named {@code <role>_it_<random>} and
     * dropped on close, fresh secrets, a broker with a temporary log dir. Logs go to
     * {@code target/local-stack/<run>/logs/} of the current directory (a Maven module's), kept after close.
     */
    public static LocalStack forTests(Path repoRoot) {
        String run = randomSuffix(8);
        Path base = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir"));
        Map<String, String> env = System.getenv().entrySet().stream()
                .filter(e -> TEST_ENVIRONMENT.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        LocalStack stack = new LocalStack(Mode.TESTS, repoRoot, base.resolve("local-stack").resolve(run), env);
        stack.databaseSuffix = "_it_" + run;
        stack.dropDatabasesOnClose = true;
        return stack;
    }

    // ------------------------------------------------------------------ configuration (before start)

    /** How long to wait for every service's readiness (default 90 s). */
    public LocalStack readinessTimeout(Duration timeout) {
        requireNew();
        this.readinessTimeout = timeout;
        return this;
    }

    /** Appended to every database name ({@code [a-z0-9_]*}); the test stack's are dropped on close. */
    public LocalStack databaseSuffix(String suffix) {
        requireNew();
        if (!suffix.matches("[a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("a database suffix is [a-z0-9_]{0,30}, got " + suffix);
        }
        this.databaseSuffix = suffix;
        return this;
    }

    /** Whether {@link #close()} drops the (suffixed) databases; default true for tests, false for development. */
    public LocalStack dropDatabasesOnClose(boolean drop) {
        requireNew();
        this.dropDatabasesOnClose = drop;
        return this;
    }

    /** Where logs, secrets and (development) data live. */
    public LocalStack workDir(Path dir) {
        requireNew();
        this.workDir = dir.toAbsolutePath().normalize();
        this.logDir = workDir.resolve("logs");
        return this;
    }

    /**
     * Sets one of the environment overrides the stack reads (DESIGN §8): {@code ASHBY_BASE_URL},
     * {@code SMTP_HOST}/{@code SMTP_PORT}, {@code GATEWAY_PORT} (development only), {@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code PG_HOST}/{@code PG_PORT}/{@code PG_USER}/{@code PG_PASSWORD}. A null value removes it.
     */
    public LocalStack environment(String name, String value) {
        requireNew();
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** The issuer of the dev IdP's tokens (default: its URL, which OpenID discovery requires). */
    public LocalStack idpIssuer(String issuer) {
        requireNew();
        this.idpIssuer = issuer;
        return this;
    }

    /** JVM options of each service process (default {@link #DEFAULT_SERVICE_JVM_OPTIONS}). */
    public LocalStack serviceJvmOptions(List<String> options) {
        requireNew();
        this.serviceJvmOptions = List.copyOf(options);
        return this;
    }

    /**
     * Starts only these modules (all five by default) and creates only their databases; the others still get a
     * port and a URL.
     */
    public LocalStack services(String... modules) {
        requireNew();
        Set<String> chosen = new LinkedHashSet<>();
        for (String m : modules) {
            service(m);
            chosen.add(m);
        }
        this.selectedModules = chosen;
        return this;
    }

    /**
     * Everything but {@code module}, which a developer runs in {@code quarkus:dev} against this stack
     * ({@code run.sh --dev <module>}): its database and port are made as for the others, and once the rest is ready
     * its environment is written to {@link #developmentEnvironmentFile(String)}.
     */
    public LocalStack developing(String module) {
        requireNew();
        service(module);
        Set<String> others = new LinkedHashSet<>(MODULES);
        others.remove(module);
        this.selectedModules = others;
        this.developedModule = module;
        return this;
    }

    /** Where {@link #developing(String)} writes the module's environment ({@code export NAME='value'} lines). */
    public Path developmentEnvironmentFile(String module) {
        return workDir.resolve("dev").resolve(module + ".env");
    }

    /** Where progress is printed (default System.out). */
    public LocalStack output(PrintStream stream) {
        requireNew();
        this.out = stream;
        return this;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts everything, in order, and returns once every service is ready. On any failure what was started is
     * stopped again and a {@link LocalStackException} says what went wrong (with the tail of a failed
     * service's log).
     */
    public LocalStack start() {
        synchronized (lifecycle) {
            requireNew();
            state = State.STARTING;
        }
        long t0 = System.nanoTime();
        shutdownHook = new Thread(this::close, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            checkServiceJars();
            Files.createDirectories(logDir);
            if (mode == Mode.DEVELOPMENT) {
                stopLeftoverChildren();
            }
            assignPorts();
            secrets = StackSecrets.loadOrCreate(workDir.resolve("secrets"));
            startPostgres();
            createDatabases();
            abortIfClosed();
            startKafka();
            abortIfClosed();
            startIdentityProvider();
            startAshbySandbox();
            startSmtpCatcher();
            abortIfClosed();
            startServices(List.copyOf(selectedModules));
            if (developedModule != null) {
                writeDevelopmentEnvironment(developedModule);
            }
            startupTime = Duration.ofNanos(System.nanoTime() - t0);
            synchronized (lifecycle) {
                abortIfClosed();
                state = State.RUNNING;
            }
            return this;
        } catch (IOException e) {
            close();
            throw new LocalStackException("could not start the local stack: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            if (state != State.CLOSED && anythingStarted()) {
                out.println("Start failed, stopping what was started...");
            }
            // also when a shutdown hook closed the stack meanwhile: this cleans up what was started since
            close();
            throw e;
        }
    }

    /**
     * Stops everything; idempotent (a second call stops only what a concurrent start added since). Leaves no
     * child process, no listening port, no embedded server behind.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            boolean wasStarted = anythingStarted();
            state = State.CLOSED;
            removeShutdownHook();
            List<ChildProcess> running = new ArrayList<>(children.values());
            children.clear();
            if (!running.isEmpty()) {
                out.println("Stopping " + running.stream().map(ChildProcess::name).collect(Collectors.joining(", "))
                        + "...");
                quietly(() -> ChildProcess.stopAll(running, ChildProcess.DEFAULT_GRACE));
            }
            if (mode == Mode.DEVELOPMENT && !running.isEmpty()) {
                quietly(() -> Files.deleteIfExists(workDir.resolve(PIDS_FILE)));
            }
            if (idp != null) {
                quietly(idp::close);
                idp = null;
            }
            if (ashbySandbox != null) {
                quietly(ashbySandbox::close);
                ashbySandbox = null;
            }
            if (smtpCatcher != null) {
                quietly(smtpCatcher::close);
                smtpCatcher = null;
            }
            if (dropDatabasesOnClose && database != null && databaseSuffix != null && !databaseSuffix.isEmpty()) {
                for (Service s : SERVICES) {
                    if (s.hasDatabase()) {
                        quietly(() -> database.drop(s.role() + databaseSuffix));
                    }
                }
                database = null;
            }
            if (broker != null) {
                quietly(broker::close);
                broker = null;
            }
            if (embeddedPostgres != null) {
                quietly(embeddedPostgres::close);
                embeddedPostgres = null;
            }
            if (mode == Mode.TESTS) {
                quietly(() -> deleteRecursively(workDir.resolve("secrets")));
                quietly(() -> deleteRecursively(workDir.resolve("postgres")));
            }
            if (wasStarted) {
                out.println("Local stack stopped.");
            }
        }
    }

    private boolean anythingStarted() {
        return !children.isEmpty() || idp != null || ashbySandbox != null || smtpCatcher != null || broker != null
                || embeddedPostgres != null;
    }

    private void abortIfClosed() {
        if (state == State.CLOSED) {
            throw new LocalStackException("the local stack was stopped while starting");
        }
    }

    // ------------------------------------------------------------------ accessors

    public String gatewayUrl() {
        return serviceUrl(API_GATEWAY);
    }

    /** {@code http://127.0.0.1:<port>} of a module (also while it is stopped). */
    public String serviceUrl(String module) {
        return "http://127.0.0.1:" + servicePort(module);
    }

    /**
     * Where a module answers {@code /q/health} and {@code /q/metrics}: its management port when it has one (the
     * gateway), else its main port.
     */
    public String managementUrl(String module) {
        servicePort(module);
        Integer port = managementPorts.get(module);
        return port == null ? serviceUrl(module) : "http://127.0.0.1:" + port;
    }

    /** The port a module listens on (assigned at start, kept across its restarts). */
    public int servicePort(String module) {
        service(module);
        Integer port = ports.get(module);
        if (port == null) {
            throw new IllegalStateException("the stack is not started");
        }
        return port;
    }

    public String idpUrl() {
        return requireStarted(idp, "identity provider").url();
    }

    public String idpIssuer() {
        return idp != null ? idp.issuer() : idpIssuer;
    }

    /** The sandbox's base URL; fails when ASHBY_BASE_URL pointed the connector elsewhere. */
    public String ashbySandboxUrl() {
        return requireStarted(ashbySandbox, "Ashby sandbox (ASHBY_BASE_URL is set)").url();
    }

    /** What the connector was given as ASHBY_BASE_URL (the sandbox's URL unless overridden). */
    public String ashbyBaseUrl() {
        return ashbyBaseUrl;
    }

    /** The SMTP catcher's HTTP view; fails when SMTP_HOST pointed the services elsewhere. */
    public String smtpHttpUrl() {
        return requireStarted(smtpCatcher, "SMTP catcher (SMTP_HOST is set)").httpUrl();
    }

    public String smtpHost() {
        return smtpHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The in-process servers, for tests that prefer Java to HTTP; null when not started by this stack. */
    public DevIdentityProvider identityProvider() {
        return idp;
    }

    public AshbySandbox ashbySandbox() {
        return ashbySandbox;
    }

    public SmtpCatcher smtpCatcher() {
        return smtpCatcher;
    }

    /** PostgreSQL as the services reach it. */
    public String postgresHost() {
        return database == null ? null : database.host();
    }

    public int postgresPort() {
        return database == null ? -1 : database.port();
    }

    public boolean usesEmbeddedPostgres() {
        return embeddedPostgres != null;
    }

    /** The database (suffix included) of a module; fails for the gateway, which has none. */
    public String databaseName(String module) {
        Service s = service(module);
        if (!s.hasDatabase()) {
            throw new IllegalArgumentException(module + " has no database");
        }
        return s.role() + (databaseSuffix == null ? "" : databaseSuffix);
    }

    /** The database role (= password) of a module. */
    public String databaseUser(String module) {
        Service s = service(module);
        if (!s.hasDatabase()) {
            throw new IllegalArgumentException(module + " has no database");
        }
        return s.role();
    }

    public Path logFile(String module) {
        service(module);
        return logDir.resolve(module + ".log");
    }

    public Path workDir() {
        return workDir;
    }

    public StackSecrets secrets() {
        return secrets;
    }

    public boolean isRunning(String module) {
        ChildProcess child = children.get(module);
        return child != null && child.isAlive();
    }

    /** The pid of a running module's process, or -1. */
    public long pid(String module) {
        ChildProcess child = children.get(module);
        return child == null ? -1 : child.pid();
    }

    /** How long {@link #start()} took. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Asks the dev IdP for a session token ({@code POST /tokens}); {@code companyId} null for staff. */
    public String mintToken(String sub, String companyId, List<String> groups) {
        ObjectNode body = SmallHttpServer.JSON.createObjectNode();
        body.put("sub", sub);
        if (companyId != null) {
            body.put("company_id", companyId);
        }
        groups.forEach(body.putArray("groups")::add);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(idpUrl() + "/tokens"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(SmallHttpServer.JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LocalStackException("the IdP refused the token request: HTTP " + response.statusCode()
                        + " " + response.body());
            }
            JsonNode json = SmallHttpServer.JSON.readTree(response.body());
            return json.path("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach the IdP at " + idpUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while minting a token", e);
        }
    }

    // ------------------------------------------------------------------ one service at a time

    /** Stops one service (SIGTERM, up to 10 s, then SIGKILL); its port and URL stay reserved for a restart. */
    public void stopService(String module) {
        service(module);
        requireRunning();
        ChildProcess child = children.remove(module);
        if (child != null) {
            out.println("Stopping " + module + "...");
            child.stop(ChildProcess.DEFAULT_GRACE);
            writePidsFile();
        }
    }

    /** (Re)starts one service with the same port and environment and waits until it is ready. */
    public void startService(String module) {
        service(module);
        requireRunning();
        if (isRunning(module)) {
            return;
        }
        startServices(List.of(module));
    }

    /** A second (third, …) gateway: the same environment, secrets and public URL as the first, on ports of its own. */
    public record GatewayReplica(String name, String url, String managementUrl, long pid) {
    }

    /**
     * Starts another gateway replica, as a load balancer would have several: nothing but its ports differs from
     * the first (same session key, same public URL), so a browser session or a key revocation must hold on both.
     * Stopped with the stack.
     */
    public GatewayReplica startGatewayReplica() {
        requireRunning();
        int port = Ports.free();
        int management = Ports.free();
        String name = API_GATEWAY + "-" + (children.keySet().stream().filter(k -> k.startsWith(API_GATEWAY)).count() + 1);
        Map<String, String> env = serviceEnvironment(service(API_GATEWAY));
        env.put("PORT", String.valueOf(port));
        env.put("MANAGEMENT_PORT", String.valueOf(management));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceJvmOptions);
        command.add("-jar");
        command.add(serviceJar(API_GATEWAY).toString());
        Path log = logDir.resolve(name + ".log");
        ChildProcess child = ChildProcess.start(name, command, env, CONTRACT_VARIABLES, repoRoot.resolve(API_GATEWAY), log);
        children.put(name, child);
        writePidsFile();
        String managementUrl = "http://127.0.0.1:" + management;
        long deadline = System.nanoTime() + readinessTimeout.toNanos();
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
                throw new LocalStackException(name + " not ready within " + readinessTimeout.toSeconds() + " s; last lines of "
                        + log + ":" + System.lineSeparator() + ChildProcess.tail(log, 20));
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
        out.printf("Started %-25s pid %-7d port %-5d log %s%n", name, child.pid(), port, displayPath(log));
        return new GatewayReplica(name, "http://127.0.0.1:" + port, managementUrl, child.pid());
    }

    /**
     * Stops the stack's in-process Kafka broker (the services keep running and must cope), keeping its ports and data
     * for {@link #startBroker()}. Fails when the stack uses an external Kafka (KAFKA_BOOTSTRAP_SERVERS).
     */
    public void stopBroker() {
        requireRunning();
        requireStarted(broker, "in-process Kafka broker (KAFKA_BOOTSTRAP_SERVERS is set)");
        out.println("Stopping the Kafka broker...");
        broker.stop();
    }

    /** Starts the in-process broker again on the same ports and data directory, after {@link #stopBroker()}. */
    public void startBroker() {
        requireRunning();
        requireStarted(broker, "in-process Kafka broker (KAFKA_BOOTSTRAP_SERVERS is set)");
        if (!broker.isRunning()) {
            broker.start();
        }
    }

    /** {@link #stopService} then {@link #startService}. */
    public void restartService(String module) {
        stopService(module);
        startService(module);
    }

    // ------------------------------------------------------------------ start steps

    private void checkServiceJars() {
        List<String> missing = selectedModules.stream()
                .map(this::serviceJar)
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> repoRoot.relativize(jar).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new LocalStackException("build first: ./mvnw -DskipTests package (in " + repoRoot + "; missing "
                    + String.join(", ", missing) + ")");
        }
    }

    private Path serviceJar(String module) {
        return repoRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    private void assignPorts() {
        if (mode == Mode.DEVELOPMENT) {
            for (Service s : SERVICES) {
                ports.put(s.module(), s.devPort());
                if (s.hasManagementPort()) {
                    managementPorts.put(s.module(), s.devManagementPort());
                }
            }
            String gatewayPort = env("GATEWAY_PORT", null);
            if (gatewayPort != null) {
                try {
                    ports.put(API_GATEWAY, Integer.parseInt(gatewayPort.trim()));
                } catch (NumberFormatException e) {
                    throw new LocalStackException("GATEWAY_PORT must be a port number, got " + gatewayPort);
                }
            }
            List<String> busy = new ArrayList<>();
            selectedModules.forEach(m -> checkFree(ports.get(m), m, busy));
            selectedModules.stream().filter(managementPorts::containsKey)
                    .forEach(m -> checkFree(managementPorts.get(m), m + "'s health and metrics", busy));
            checkFree(DEV_IDP_PORT, "identity provider", busy);
            if (env("ASHBY_BASE_URL", null) == null) {
                checkFree(DEV_ASHBY_SANDBOX_PORT, "Ashby sandbox", busy);
            }
            if (env("SMTP_HOST", null) == null) {
                checkFree(DEV_SMTP_PORT, "SMTP catcher", busy);
                checkFree(DEV_SMTP_HTTP_PORT, "SMTP catcher's HTTP view", busy);
            }
            if (env("KAFKA_BOOTSTRAP_SERVERS", null) == null) {
                checkFree(DEV_KAFKA_PORT, "Kafka", busy);
                checkFree(DEV_KAFKA_CONTROLLER_PORT, "Kafka controller", busy);
            }
            if (!busy.isEmpty()) {
                throw new LocalStackException("ports already in use: " + String.join(", ", busy)
                        + ". Is another local stack running? Stop it (Ctrl-C) or free the ports"
                        + " (the gateway's can be moved with GATEWAY_PORT).");
            }
        } else {
            List<Service> managed = SERVICES.stream().filter(Service::hasManagementPort).toList();
            List<Integer> free = Ports.free(SERVICES.size() + managed.size());
            for (int i = 0; i < SERVICES.size(); i++) {
                ports.put(SERVICES.get(i).module(), free.get(i));
            }
            for (int i = 0; i < managed.size(); i++) {
                managementPorts.put(managed.get(i).module(), free.get(SERVICES.size() + i));
            }
        }
    }

    private static void checkFree(int port, String what, List<String> busy) {
        if (!Ports.isFree(port)) {
            busy.add(port + " (" + what + ")");
        }
    }

    private void startPostgres() {
        long t0 = System.nanoTime();
        String host = env("PG_HOST", "127.0.0.1");
        int port = parsePort("PG_PORT", env("PG_PORT", "5432"));
        String user = env("PG_USER", "postgres");
        DatabaseBootstrap configured = new DatabaseBootstrap(host, port, user, env("PG_PASSWORD", ""));
        if (configured.reachable()) {
            database = configured;
            out.printf("PostgreSQL    %s:%d (as %s)%s%n", host, port, user, took(t0));
            return;
        }
        boolean local = host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost");
        int embeddedPort = mode == Mode.DEVELOPMENT && local && Ports.isFree(port) ? port : Ports.free();
        Path dataDir = workDir.resolve("postgres");
        out.printf("No PostgreSQL answers at %s:%d as %s: starting an embedded one on port %d (data in %s)...%n",
                host, port, user, embeddedPort, dataDir);
        try {
            embeddedPostgres = EmbeddedPostgres.builder()
                    .setPort(embeddedPort)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(mode == Mode.TESTS)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // four services x (20 reactive + 2 JDBC) connections, plus the bootstrap
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (IOException | RuntimeException e) {
            boolean root = "root".equals(System.getProperty("user.name"));
            throw new LocalStackException("No PostgreSQL answers at " + host + ":" + port + " (as " + user
                    + ") and the embedded PostgreSQL could not start" + (root ? " (it refuses to run as root)" : "")
                    + ": " + e.getMessage() + ". Start PostgreSQL, or point PG_HOST/PG_PORT/PG_USER/PG_PASSWORD at one.",
                    e);
        }
        database = new DatabaseBootstrap("127.0.0.1", embeddedPostgres.getPort(), "postgres", "");
        out.printf("PostgreSQL    127.0.0.1:%d (embedded)%s%n", embeddedPostgres.getPort(), took(t0));
    }

    private void createDatabases() {
        for (Service s : SERVICES) {
            if (s.hasDatabase() && (selectedModules.contains(s.module()) || s.module().equals(developedModule))) {
                database.ensure(s.role(), s.role(), databaseName(s.module()));
            }
        }
    }

    /**
     * The contract's environment of a module run in quarkus:dev: the same variables as its jar would get, but the dev
     * profile instead of prod, and the addresses as the %dev settings read them (Dev Services off: the stack's
     * PostgreSQL and broker instead).
     */
    private void writeDevelopmentEnvironment(String module) throws IOException {
        Service s = service(module);
        Map<String, String> env = serviceEnvironment(s);
        env.remove("QUARKUS_PROFILE");
        env.put("TRUFFLE_DEV_SERVICES", "false");
        env.put("TRUFFLE_DEV_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        if (s.hasDatabase()) {
            String address = database.host() + ":" + database.port() + "/" + databaseName(module);
            env.put("TRUFFLE_DEV_PG_REACTIVE_URL", "postgresql://" + address);
            env.put("TRUFFLE_DEV_PG_JDBC_URL", "jdbc:postgresql://" + address);
        }
        StringBuilder b = new StringBuilder("# " + module + " in quarkus:dev against the local stack (run.sh --dev)\n");
        env.forEach((k, v) -> b.append("export ").append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
        Path file = developmentEnvironmentFile(module);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b.toString());
        StackSecrets.restrict(tmp, "rw-------");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        out.println("Environment of " + module + " for quarkus:dev: " + displayPath(file));
    }

    private void startKafka() {
        String external = env("KAFKA_BOOTSTRAP_SERVERS", null);
        if (external != null) {
            kafkaBootstrapServers = external;
            out.println("Kafka         " + external + " (KAFKA_BOOTSTRAP_SERVERS)");
            return;
        }
        Path data = workDir.resolve("kafka");
        if (mode == Mode.DEVELOPMENT) {
            forgetUnsecuredBrokerData(data);
        }
        // as production runs it: SCRAM logins, one per service, and the standard authorizer with least-privilege ACLs
        broker = (mode == Mode.DEVELOPMENT
                ? EmbeddedKafkaBroker.on(DEV_KAFKA_PORT, DEV_KAFKA_CONTROLLER_PORT, data)
                : EmbeddedKafkaBroker.onFreePorts()).secured(secrets.kafkaPassword(EmbeddedKafkaBroker.ADMIN));
        broker.start();
        for (String user : KafkaAccess.USERS) {
            broker.addUser(user, secrets.kafkaPassword(user));
        }
        broker.grant(KafkaAccess.aclBindings());
        kafkaBootstrapServers = broker.bootstrapServers();
        if (mode == Mode.DEVELOPMENT) {
            markSecured(data);
        }
    }

    /**
     * A local stack's broker data from before Kafka had logins has no admin user to log in with: it goes (events
     * already published are in the services' databases; consumers start over and deduplicate).
     */
    private void forgetUnsecuredBrokerData(Path data) {
        if (Files.exists(data.resolve("meta.properties")) && !Files.exists(data.resolve(SECURED_MARKER))) {
            out.println("Kafka         data in " + displayPath(data) + " predates the broker's logins: starting it afresh");
            try {
                deleteRecursively(data);
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove " + data, e);
            }
        }
    }

    private static final String SECURED_MARKER = "truffle-secured";

    private static void markSecured(Path data) {
        try {
            Files.writeString(data.resolve(SECURED_MARKER), "SCRAM-SHA-512 logins and ACLs (deploy/dev-infra KafkaAccess)\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Kafka client properties that log in as {@code user} (a service name from {@link KafkaAccess#USERS}):
     * bootstrap servers, SASL/SCRAM and its password. For tests that act as a service would, ACLs included.
     */
    public Map<String, Object> kafkaClientProperties(String user) {
        requireRunning();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", kafkaBootstrapServers);
        if (broker != null && broker.isSecured()) {
            p.putAll(EmbeddedKafkaBroker.saslClientProperties(user, secrets.kafkaPassword(user)));
        }
        return p;
    }

    private void startIdentityProvider() {
        long t0 = System.nanoTime();
        idp = new DevIdentityProvider(idpIssuer).start(mode == Mode.DEVELOPMENT ? DEV_IDP_PORT : 0);
        out.printf("Dev IdP       %s (issuer %s)%s%n", idp.url(), idp.issuer(), took(t0));
    }

    private void startAshbySandbox() {
        String external = env("ASHBY_BASE_URL", null);
        if (external != null) {
            ashbyBaseUrl = external;
            out.println("Ashby         " + external + " (ASHBY_BASE_URL; no sandbox)");
            return;
        }
        ashbySandbox = new AshbySandbox().start(mode == Mode.DEVELOPMENT ? DEV_ASHBY_SANDBOX_PORT : 0);
        ashbyBaseUrl = ashbySandbox.url();
        out.println("Ashby sandbox " + ashbyBaseUrl);
    }

    private void startSmtpCatcher() {
        String externalHost = env("SMTP_HOST", null);
        if (externalHost != null) {
            smtpHost = externalHost;
            smtpPort = parsePort("SMTP_PORT", env("SMTP_PORT", "25"));
            out.println("SMTP          " + smtpHost + ":" + smtpPort + " (SMTP_HOST; no catcher)");
            return;
        }
        smtpCatcher = mode == Mode.DEVELOPMENT
                ? new SmtpCatcher().start(DEV_SMTP_PORT, DEV_SMTP_HTTP_PORT)
                : new SmtpCatcher().start(0, 0);
        smtpHost = smtpCatcher.smtpHost();
        smtpPort = smtpCatcher.smtpPort();
        out.println("SMTP catcher  smtp://" + smtpHost + ":" + smtpPort + ", messages at " + smtpCatcher.httpUrl()
                + "/messages");
    }

    private void startServices(List<String> modules) {
        for (String module : modules) {
            Service s = service(module);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(serviceJvmOptions);
            command.add("-jar");
            command.add(serviceJar(module).toString());
            ChildProcess child = ChildProcess.start(module, command, serviceEnvironment(s), CONTRACT_VARIABLES,
                    repoRoot.resolve(module), logFile(module));
            children.put(module, child);
            out.printf("Starting %-24s pid %-7d port %-5d log %s%n", module, child.pid(), ports.get(module),
                    displayPath(logFile(module)));
            child.onExit().thenAccept(p -> {
                // a crash after start-up: say so at once instead of leaving a silent hole in the stack
                if (state == State.RUNNING && children.get(module) == child) {
                    out.println("!! " + module + " exited unexpectedly with code " + p.exitValue()
                            + "; last lines of " + logFile(module) + ":" + System.lineSeparator()
                            + ChildProcess.tail(logFile(module), 20));
                }
            });
        }
        writePidsFile();
        awaitReady(modules);
    }

    /** The environment contract of one service (see the class comment). */
    Map<String, String> serviceEnvironment(Service s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(ports.get(s.module())));
        if (managementPorts.containsKey(s.module())) {
            env.put("MANAGEMENT_PORT", String.valueOf(managementPorts.get(s.module())));
        }
        env.put("PG_HOST", database.host());
        env.put("PG_PORT", String.valueOf(database.port()));
        if (s.hasDatabase()) {
            env.put("DB_USER", s.role());
            env.put("DB_PASSWORD", s.role());
            env.put("DB_NAME", databaseName(s.module()));
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        if (broker != null && broker.isSecured()) {
            env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
            env.put("KAFKA_SASL_MECHANISM", EmbeddedKafkaBroker.SCRAM);
            env.put("KAFKA_SASL_USERNAME", s.module());
            env.put("KAFKA_SASL_PASSWORD", secrets.kafkaPassword(s.module()));
        }
        env.put("TRUFFLE_INTERNAL_JWT_PUBLIC_KEY_LOCATION", secrets.internalJwtPublicKey().toString());
        env.put("QUARKUS_PROFILE", "prod");
        switch (s.module()) {
            case API_GATEWAY -> {
                env.put("TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION", secrets.internalJwtPrivateKey().toString());
                env.put("TRUFFLE_IDP_JWKS_URL", idp.jwksUrl());
                env.put("TRUFFLE_IDP_ISSUER", idp.issuer());
                env.put("TRUFFLE_SESSION_SECRET", secrets.sessionSecret());
                env.put("TRUFFLE_PUBLIC_URL", gatewayUrl());
                env.put("TRUFFLE_KEY_PEPPER", secrets.keyPepper());
                env.put("KEY_SERVICE_URL", serviceUrl(KEY_SERVICE));
                env.put("ACCESS_SERVICE_URL", serviceUrl(ACCESS_REQUEST_SERVICE));
                env.put("SCREENING_SERVICE_URL", serviceUrl(SCREENING_SERVICE));
                env.put("ASHBY_CONNECTOR_URL", serviceUrl(ASHBY_CONNECTOR_SERVICE));
            }
            case KEY_SERVICE -> {
                env.put("TRUFFLE_KEY_PEPPER", secrets.keyPepper());
                env.put("ACCESS_SERVICE_URL", serviceUrl(ACCESS_REQUEST_SERVICE));
            }
            case SCREENING_SERVICE -> {
                env.put("SMTP_HOST", smtpHost);
                env.put("SMTP_PORT", String.valueOf(smtpPort));
                env.put("TRUFFLE_PUBLIC_URL", gatewayUrl());
                env.put("TRUFFLE_SCREENING_ENCRYPTION_KEY", secrets.screeningEncryptionKey());
                // a local stack's webhook receivers are on this machine; production refuses non-public targets
                env.put("TRUFFLE_SCREENING_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
                // the local receivers are http and the SMTP catcher offers no TLS: production requires both
                env.put("TRUFFLE_SCREENING_WEBHOOKS_REQUIRE_HTTPS", "false");
                env.put("SMTP_START_TLS", "OPTIONAL");
            }
            case ASHBY_CONNECTOR_SERVICE -> {
                env.put("ASHBY_BASE_URL", ashbyBaseUrl);
                env.put("TRUFFLE_ASHBY_ENCRYPTION_KEY", secrets.ashbyEncryptionKey());
                env.put("KEY_SERVICE_URL", serviceUrl(KEY_SERVICE));
                env.put("TRUFFLE_PUBLIC_URL", gatewayUrl());
            }
            default -> {
                // access-request-service: the common variables only
            }
        }
        return env;
    }

    /** The environment contract of one module, as the stack gives it (for tests and diagnostics). */
    public Map<String, String> serviceEnvironment(String module) {
        requireRunning();
        return Collections.unmodifiableMap(serviceEnvironment(service(module)));
    }

    /**
     * Polls {@code GET /q/health/ready} of each module until all answer 200, failing fast when a process exits
     * and after {@link #readinessTimeout} with the tail of each laggard's log.
     */
    private void awaitReady(List<String> modules) {
        long t0 = System.nanoTime();
        long deadline = t0 + readinessTimeout.toNanos();
        long nextProgress = t0 + TimeUnit.SECONDS.toNanos(15);
        Map<String, String> lastSeen = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(modules);
        while (true) {
            abortIfClosed();
            for (String module : List.copyOf(pending)) {
                ChildProcess child = children.get(module);
                if (child == null || !child.isAlive()) {
                    String code = child == null ? "?" : String.valueOf(child.process().exitValue());
                    throw new LocalStackException(module + " exited with code " + code + " while starting. Last lines of "
                            + logFile(module) + ":" + System.lineSeparator() + ChildProcess.tail(logFile(module), 40));
                }
                String seen = probeReady(module);
                if (seen == null) {
                    pending.remove(module);
                    out.printf("  ready  %-24s %s%n", module, took(child.startedAt()));
                } else {
                    lastSeen.put(module, seen);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                StringBuilder msg = new StringBuilder("not ready after " + readinessTimeout.toSeconds() + " s: "
                        + String.join(", ", pending));
                for (String module : pending) {
                    msg.append(System.lineSeparator()).append("--- ").append(module).append(": ")
                            .append(lastSeen.get(module)).append("; last lines of ").append(logFile(module))
                            .append(':').append(System.lineSeparator()).append(ChildProcess.tail(logFile(module), 30));
                }
                throw new LocalStackException(msg.toString());
            }
            if (now > nextProgress) {
                out.printf("  waiting for %s (%d s)%n", String.join(", ", pending),
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
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl(module) + "/q/health/ready"))
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

    // ------------------------------------------------------------------ leftovers of a killed launcher

    /** Records the children (pid, start time) so a launcher killed with SIGKILL does not block the next run. */
    private void writePidsFile() {
        if (mode != Mode.DEVELOPMENT) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        children.forEach((module, child) -> child.process().toHandle().info().startInstant().ifPresent(started ->
                sb.append(module).append(' ').append(child.pid()).append(' ').append(started.toEpochMilli())
                        .append('\n')));
        quietly(() -> Files.writeString(workDir.resolve(PIDS_FILE), sb.toString()));
    }

    /** Stops service processes a previous, killed launcher left running (only those it recorded itself). */
    private void stopLeftoverChildren() throws IOException {
        Path file = workDir.resolve(PIDS_FILE);
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
                            out.println("Stopping " + f[0] + " (pid " + pid + ") left running by an earlier local stack");
                            leftovers.add(h);
                        });
            } catch (NumberFormatException ignored) {
                // not a line we wrote
            }
        }
        ChildProcess.stopHandles(leftovers, ChildProcess.DEFAULT_GRACE);
        Files.deleteIfExists(file);
    }

    // ------------------------------------------------------------------ helpers

    private static Service service(String module) {
        for (Service s : SERVICES) {
            if (s.module().equals(module)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown module " + module + "; one of " + MODULES);
    }

    private String env(String name, String fallback) {
        String v = environment.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int parsePort(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LocalStackException(name + " must be a port number, got " + value);
        }
    }

    private void requireNew() {
        if (state != State.NEW) {
            throw new IllegalStateException("the stack is already " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the stack is " + state.name().toLowerCase(Locale.ROOT) + ", not running");
        }
    }

    private static <T> T requireStarted(T component, String what) {
        if (component == null) {
            throw new IllegalStateException("no " + what + " in this stack");
        }
        return component;
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private String displayPath(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }

    private static String took(long t0Nanos) {
        return String.format(Locale.ROOT, "  (%.1f s)", (System.nanoTime() - t0Nanos) / 1e9);
    }

    private static String took(Instant since) {
        return String.format(Locale.ROOT, "  (%.1f s)", Duration.between(since, Instant.now()).toMillis() / 1e3);
    }

    static String randomSuffix(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            out.println("  (while stopping: " + e.getMessage() + ")");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
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
