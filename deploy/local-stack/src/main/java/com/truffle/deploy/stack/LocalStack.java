package com.truffle.deploy.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.truffle.deploy.idp.DevIdentityProvider;
import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.deploy.stack.ashby.AshbySandbox;
import com.truffle.deploy.stack.smtp.SmtpCatcher;

/**
 * The whole platform on one machine, without Docker: PostgreSQL (the one at PG_HOST/PG_PORT, else an embedded
 * one), the in-process Kafka broker, the {@linkplain DevIdentityProvider dev identity provider}, the
 * {@linkplain AshbySandbox Ashby sandbox}, the {@linkplain SmtpCatcher SMTP catcher} and the five services as
 * child JVMs ({@code <module>/target/quarkus-app/quarkus-run.jar}), each given its environment contract,
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
 * <p>The environment contract each service is given ({@code PORT}, {@code PG_HOST}, {@code KAFKA_BOOTSTRAP_SERVERS},
 * its secrets, the other services' URLs, …) is written down, as data, in {@link ServiceCatalogue}.
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

    public static final String API_GATEWAY = ServiceCatalogue.API_GATEWAY;
    public static final String KEY_SERVICE = ServiceCatalogue.KEY_SERVICE;
    public static final String ACCESS_REQUEST_SERVICE = ServiceCatalogue.ACCESS_REQUEST_SERVICE;
    public static final String SCREENING_SERVICE = ServiceCatalogue.SCREENING_SERVICE;
    public static final String ASHBY_CONNECTOR_SERVICE = ServiceCatalogue.ASHBY_CONNECTOR_SERVICE;

    public static final List<Service> SERVICES = ServiceCatalogue.SERVICES;

    /** The five modules, gateway first. */
    public static final List<String> MODULES = ServiceCatalogue.MODULES;

    public static final int DEV_IDP_PORT = StackPorts.DEV_IDP_PORT;
    public static final int DEV_ASHBY_SANDBOX_PORT = StackPorts.DEV_ASHBY_SANDBOX_PORT;
    public static final int DEV_SMTP_PORT = StackPorts.DEV_SMTP_PORT;
    public static final int DEV_SMTP_HTTP_PORT = StackPorts.DEV_SMTP_HTTP_PORT;
    public static final int DEV_KAFKA_PORT = StackPorts.DEV_KAFKA_PORT;
    public static final int DEV_KAFKA_CONTROLLER_PORT = StackPorts.DEV_KAFKA_CONTROLLER_PORT;

    /** The JVM options of each service process: five of them must fit a small laptop or CI machine. */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = ServiceCatalogue.DEFAULT_SERVICE_JVM_OPTIONS;

    private final StackAssembly parts;

    private LocalStack(StackSettings settings) {
        this.parts = new StackAssembly(settings);
    }

    /**
     * The developer's stack: fixed ports (gateway 8080 or GATEWAY_PORT, services 8081-8084, IdP 8090, Ashby
     * sandbox 8091, SMTP 2525 with its view on 8025, Kafka 9092/9093), data, logs and secrets kept in
     * {@code <repoRoot>/.local-stack/}, and every override of DESIGN §8 read from the environment.
     */
    public static LocalStack forDevelopment(Path repoRoot) {
        return new LocalStack(StackSettings.forDevelopment(repoRoot));
    }

    /**
     * A stack for system tests: free ports for everything, databases named {@code <role>_it_<random>} and
     * dropped on close, fresh secrets, a broker with a temporary log dir. Logs go to
     * {@code target/local-stack/<run>/logs/} of the current directory (a Maven module's), kept after close.
     */
    public static LocalStack forTests(Path repoRoot) {
        return new LocalStack(StackSettings.forTests(repoRoot));
    }

    // ------------------------------------------------------------------ configuration (before start)

    private LocalStack configure(Consumer<StackSettings> change) {
        parts.lifecycle.requireNew();
        change.accept(parts.settings);
        return this;
    }

    /** How long to wait for every service's readiness (default 90 s). */
    public LocalStack readinessTimeout(Duration timeout) {
        return configure(s -> s.readinessTimeout = timeout);
    }

    /** Appended to every database name ({@code [a-z0-9_]*}); the test stack's are dropped on close. */
    public LocalStack databaseSuffix(String suffix) {
        return configure(s -> s.databaseSuffix(suffix));
    }

    /** Whether {@link #close()} drops the (suffixed) databases; default true for tests, false for development. */
    public LocalStack dropDatabasesOnClose(boolean drop) {
        return configure(s -> s.dropDatabasesOnClose = drop);
    }

    /** Where logs, secrets and (development) data live. */
    public LocalStack workDir(Path dir) {
        return configure(s -> s.workDir(dir));
    }

    /**
     * Sets one of the environment overrides the stack reads (DESIGN §8): {@code ASHBY_BASE_URL},
     * {@code SMTP_HOST}/{@code SMTP_PORT}, {@code GATEWAY_PORT} (development only), {@code KAFKA_BOOTSTRAP_SERVERS},
     * {@code PG_HOST}/{@code PG_PORT}/{@code PG_USER}/{@code PG_PASSWORD}. A null value removes it.
     */
    public LocalStack environment(String name, String value) {
        return configure(s -> s.environment(name, value));
    }

    /** The issuer of the dev IdP's tokens (default: its URL, which OpenID discovery requires). */
    public LocalStack idpIssuer(String issuer) {
        return configure(s -> s.idpIssuer = issuer);
    }

    /** JVM options of each service process (default {@link #DEFAULT_SERVICE_JVM_OPTIONS}). */
    public LocalStack serviceJvmOptions(List<String> options) {
        return configure(s -> s.serviceJvmOptions = List.copyOf(options));
    }

    /**
     * Starts only these modules (all five by default) and creates only their databases; the others still get a
     * port and a URL.
     */
    public LocalStack services(String... modules) {
        return configure(s -> s.services(modules));
    }

    /**
     * Everything but {@code module}, which a developer runs in {@code quarkus:dev} against this stack
     * ({@code run.sh --dev <module>}): its database and port are made as for the others, and once the rest is ready
     * its environment is written to {@link #developmentEnvironmentFile(String)}.
     */
    public LocalStack developing(String module) {
        return configure(s -> s.developing(module));
    }

    /** Where {@link #developing(String)} writes the module's environment ({@code export NAME='value'} lines). */
    public Path developmentEnvironmentFile(String module) {
        return parts.developmentEnvironmentFile(module);
    }

    /** Where progress is printed (default System.out). */
    public LocalStack output(PrintStream stream) {
        return configure(s -> s.out = stream);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts everything, in order, and returns once every service is ready. On any failure what was started is
     * stopped again and a {@link LocalStackException} says what went wrong (with the tail of a failed
     * service's log).
     */
    public LocalStack start() {
        parts.start();
        return this;
    }

    /**
     * Stops everything; idempotent (a second call stops only what a concurrent start added since). Leaves no
     * child process, no listening port, no embedded server behind.
     */
    @Override
    public void close() {
        parts.close();
    }

    // ------------------------------------------------------------------ accessors

    public String gatewayUrl() {
        return serviceUrl(API_GATEWAY);
    }

    /** {@code http://127.0.0.1:<port>} of a module (also while it is stopped). */
    public String serviceUrl(String module) {
        return parts.ports.url(module);
    }

    /**
     * Where a module answers {@code /q/health} and {@code /q/metrics}: its management port when it has one (the
     * gateway), else its main port.
     */
    public String managementUrl(String module) {
        return parts.ports.managementUrl(module);
    }

    /** The port a module listens on (assigned at start, kept across its restarts). */
    public int servicePort(String module) {
        return parts.ports.port(module);
    }

    public String idpUrl() {
        return parts.fakes.idpUrl();
    }

    public String idpIssuer() {
        return parts.fakes.idpIssuer();
    }

    /** The sandbox's base URL; fails when ASHBY_BASE_URL pointed the connector elsewhere. */
    public String ashbySandboxUrl() {
        return parts.fakes.ashbySandboxUrl();
    }

    /** What the connector was given as ASHBY_BASE_URL (the sandbox's URL unless overridden). */
    public String ashbyBaseUrl() {
        return parts.fakes.ashbyBaseUrl();
    }

    /** The SMTP catcher's HTTP view; fails when SMTP_HOST pointed the services elsewhere. */
    public String smtpHttpUrl() {
        return parts.fakes.smtpHttpUrl();
    }

    public String smtpHost() {
        return parts.fakes.smtpHost();
    }

    public int smtpPort() {
        return parts.fakes.smtpPort();
    }

    public String kafkaBootstrapServers() {
        return parts.infrastructure.kafkaBootstrapServers();
    }

    /** The in-process servers, for tests that prefer Java to HTTP; null when not started by this stack. */
    public DevIdentityProvider identityProvider() {
        return parts.fakes.identityProvider();
    }

    public AshbySandbox ashbySandbox() {
        return parts.fakes.ashbySandbox();
    }

    public SmtpCatcher smtpCatcher() {
        return parts.fakes.smtpCatcher();
    }

    /** PostgreSQL as the services reach it. */
    public String postgresHost() {
        return parts.infrastructure.postgresHost();
    }

    public int postgresPort() {
        return parts.infrastructure.postgresPort();
    }

    public boolean usesEmbeddedPostgres() {
        return parts.infrastructure.usesEmbeddedPostgres();
    }

    /** The database (suffix included) of a module; fails for the gateway, which has none. */
    public String databaseName(String module) {
        return ServiceCatalogue.databaseName(ServiceCatalogue.service(module), parts.settings.databaseSuffix);
    }

    /** The database role (= password) of a module. */
    public String databaseUser(String module) {
        return ServiceCatalogue.databaseUser(ServiceCatalogue.service(module));
    }

    public Path logFile(String module) {
        ServiceCatalogue.service(module);
        return parts.settings.logFile(module);
    }

    public Path workDir() {
        return parts.settings.workDir;
    }

    public StackSecrets secrets() {
        return parts.secrets();
    }

    public boolean isRunning(String module) {
        return parts.fleet.isRunning(module);
    }

    /** The pid of a running module's process, or -1. */
    public long pid(String module) {
        return parts.fleet.pid(module);
    }

    /** How long {@link #start()} took. */
    public Duration startupTime() {
        return parts.startupTime();
    }

    /** Asks the dev IdP for a session token ({@code POST /tokens}); {@code companyId} null for staff. */
    public String mintToken(String sub, String companyId, List<String> groups) {
        return parts.fakes.mintToken(sub, companyId, groups);
    }

    /** The environment contract of one module, as the stack gives it (for tests and diagnostics). */
    public Map<String, String> serviceEnvironment(String module) {
        parts.lifecycle.requireRunning();
        return Collections.unmodifiableMap(parts.environment(ServiceCatalogue.service(module)));
    }

    /**
     * The Kafka client properties that log in as {@code user} (a service name from {@link KafkaAccess#USERS}):
     * bootstrap servers, SASL/SCRAM and its password. For tests that act as a service would, ACLs included.
     */
    public Map<String, Object> kafkaClientProperties(String user) {
        parts.lifecycle.requireRunning();
        return parts.infrastructure.kafkaClientProperties(user);
    }

    // ------------------------------------------------------------------ one service at a time

    /** Stops one service (SIGTERM, up to 10 s, then SIGKILL); its port and URL stay reserved for a restart. */
    public void stopService(String module) {
        ServiceCatalogue.service(module);
        parts.lifecycle.requireRunning();
        parts.fleet.stop(module);
    }

    /** (Re)starts one service with the same port and environment and waits until it is ready. */
    public void startService(String module) {
        ServiceCatalogue.service(module);
        parts.lifecycle.requireRunning();
        if (isRunning(module)) {
            return;
        }
        parts.fleet.start(List.of(module));
    }

    /** {@link #stopService} then {@link #startService}. */
    public void restartService(String module) {
        stopService(module);
        startService(module);
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
        parts.lifecycle.requireRunning();
        return parts.fleet.startGatewayReplica();
    }

    /**
     * Stops the stack's in-process Kafka broker (the services keep running and must cope), keeping its ports and data
     * for {@link #startBroker()}. Fails when the stack uses an external Kafka (KAFKA_BOOTSTRAP_SERVERS).
     */
    public void stopBroker() {
        parts.lifecycle.requireRunning();
        parts.infrastructure.stopBroker();
    }

    /** Starts the in-process broker again on the same ports and data directory, after {@link #stopBroker()}. */
    public void startBroker() {
        parts.lifecycle.requireRunning();
        parts.infrastructure.startBroker();
    }
}
