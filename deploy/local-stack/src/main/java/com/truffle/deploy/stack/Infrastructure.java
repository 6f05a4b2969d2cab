package com.truffle.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.deploy.kafka.EmbeddedKafkaBroker;
import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.deploy.net.Ports;
import com.truffle.deploy.stack.LocalStack.Service;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stack's PostgreSQL and Kafka: the PostgreSQL at PG_HOST/PG_PORT (else an embedded one), each started
 * service's database and role (the test stack's databases dropped again on close), and the in-process broker with
 * SCRAM logins and least-privilege ACLs as production runs it (unless KAFKA_BOOTSTRAP_SERVERS names another).
 */
final class Infrastructure {

    private static final String SECURED_MARKER = "truffle-secured";
    private static final String NO_BROKER = "in-process Kafka broker (KAFKA_BOOTSTRAP_SERVERS is set)";

    private final StackSettings settings;
    private DatabaseBootstrap database;
    private EmbeddedPostgres embeddedPostgres;
    private EmbeddedKafkaBroker broker;
    private String kafkaBootstrapServers;
    private StackSecrets secrets;

    Infrastructure(StackSettings settings) {
        this.settings = settings;
    }

    // ------------------------------------------------------------------ PostgreSQL

    /** Uses the PostgreSQL at PG_HOST/PG_PORT as PG_USER when it answers, else starts an embedded one. */
    void startPostgres() {
        long t0 = System.nanoTime();
        String host = settings.env("PG_HOST", "127.0.0.1");
        int port = StackSettings.parsePort("PG_PORT", settings.env("PG_PORT", "5432"));
        String user = settings.env("PG_USER", "postgres");
        DatabaseBootstrap configured = new DatabaseBootstrap(host, port, user, settings.env("PG_PASSWORD", ""));
        if (configured.reachable()) {
            database = configured;
            settings.out.printf("PostgreSQL    %s:%d (as %s)%s%n", host, port, user, StackSettings.took(t0));
            return;
        }
        boolean local = host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost");
        int embeddedPort = settings.development() && local && Ports.isFree(port) ? port : Ports.free();
        Path dataDir = settings.workDir.resolve("postgres");
        settings.out.printf("No PostgreSQL answers at %s:%d as %s: starting an embedded one on port %d (data in %s)...%n",
                host, port, user, embeddedPort, dataDir);
        try {
            embeddedPostgres = EmbeddedPostgres.builder()
                    .setPort(embeddedPort)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!settings.development())
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
        settings.out.printf("PostgreSQL    127.0.0.1:%d (embedded)%s%n", embeddedPostgres.getPort(), StackSettings.took(t0));
    }

    /** The databases (and roles) of the selected modules and of the one run in quarkus:dev. */
    void createDatabases() {
        for (Service s : ServiceCatalogue.SERVICES) {
            if (s.hasDatabase()
                    && (settings.selectedModules.contains(s.module()) || s.module().equals(settings.developedModule))) {
                database.ensure(s.role(), s.role(), ServiceCatalogue.databaseName(s, settings.databaseSuffix));
            }
        }
    }

    /** PostgreSQL as the services reach it; null before it is found or started. */
    String postgresHost() {
        return database == null ? null : database.host();
    }

    int postgresPort() {
        return database == null ? -1 : database.port();
    }

    boolean usesEmbeddedPostgres() {
        return embeddedPostgres != null;
    }

    // ------------------------------------------------------------------ Kafka

    /** Starts the in-process broker with a login per service ({@code secrets}' passwords), unless one is configured. */
    void startKafka(StackSecrets secrets) {
        this.secrets = secrets;
        String external = settings.env("KAFKA_BOOTSTRAP_SERVERS", null);
        if (external != null) {
            kafkaBootstrapServers = external;
            settings.out.println("Kafka         " + external + " (KAFKA_BOOTSTRAP_SERVERS)");
            return;
        }
        Path data = settings.workDir.resolve("kafka");
        if (settings.development()) {
            forgetUnsecuredBrokerData(data);
        }
        // as production runs it: SCRAM logins, one per service, and the standard authorizer with least-privilege ACLs
        broker = (settings.development()
                ? EmbeddedKafkaBroker.on(StackPorts.DEV_KAFKA_PORT, StackPorts.DEV_KAFKA_CONTROLLER_PORT, data)
                : EmbeddedKafkaBroker.onFreePorts()).secured(secrets.kafkaPassword(EmbeddedKafkaBroker.ADMIN));
        broker.start();
        for (String user : KafkaAccess.USERS) {
            broker.addUser(user, secrets.kafkaPassword(user));
        }
        broker.grant(KafkaAccess.aclBindings());
        kafkaBootstrapServers = broker.bootstrapServers();
        if (settings.development()) {
            markSecured(data);
        }
    }

    /**
     * A local stack's broker data from before Kafka had logins has no admin user to log in with: it goes (events
     * already published are in the services' databases; consumers start over and deduplicate).
     */
    private void forgetUnsecuredBrokerData(Path data) {
        if (Files.exists(data.resolve("meta.properties")) && !Files.exists(data.resolve(SECURED_MARKER))) {
            settings.out.println("Kafka         data in " + settings.displayPath(data)
                    + " predates the broker's logins: starting it afresh");
            try {
                StackSettings.deleteRecursively(data);
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove " + data, e);
            }
        }
    }

    private static void markSecured(Path data) {
        try {
            Files.writeString(data.resolve(SECURED_MARKER), "SCRAM-SHA-512 logins and ACLs (deploy/dev-infra KafkaAccess)\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Whether the services must log in to the broker (the in-process one, secured). */
    boolean kafkaSecured() {
        return broker != null && broker.isSecured();
    }

    /** Bootstrap servers and, for the secured in-process broker, the SASL/SCRAM login of {@code user}. */
    Map<String, Object> kafkaClientProperties(String user) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", kafkaBootstrapServers);
        if (kafkaSecured()) {
            p.putAll(EmbeddedKafkaBroker.saslClientProperties(user, secrets.kafkaPassword(user)));
        }
        return p;
    }

    /** Stops the in-process broker, keeping its ports and data; fails when the stack uses an external Kafka. */
    void stopBroker() {
        StackLifecycle.requireStarted(broker, NO_BROKER);
        settings.out.println("Stopping the Kafka broker...");
        broker.stop();
    }

    /** Starts the in-process broker again after {@link #stopBroker()}. */
    void startBroker() {
        StackLifecycle.requireStarted(broker, NO_BROKER);
        if (!broker.isRunning()) {
            broker.start();
        }
    }

    // ------------------------------------------------------------------ stopping

    boolean anythingStarted() {
        return broker != null || embeddedPostgres != null;
    }

    /** Drops the test stack's databases, then stops the broker and an embedded PostgreSQL. */
    void close() {
        String suffix = settings.databaseSuffix;
        if (settings.dropDatabasesOnClose && database != null && suffix != null && !suffix.isEmpty()) {
            for (Service s : ServiceCatalogue.SERVICES) {
                if (s.hasDatabase()) {
                    settings.quietly(() -> database.drop(s.role() + suffix));
                }
            }
            database = null;
        }
        if (broker != null) {
            settings.quietly(broker::close);
            broker = null;
        }
        if (embeddedPostgres != null) {
            settings.quietly(embeddedPostgres::close);
            embeddedPostgres = null;
        }
    }
}
