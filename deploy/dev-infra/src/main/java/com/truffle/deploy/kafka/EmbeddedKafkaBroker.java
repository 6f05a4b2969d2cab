package com.truffle.deploy.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.truffle.deploy.net.Ports;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, one combined broker+controller node) running in this JVM.
 * Same code for tests and the local stack; the version is pinned to the Quarkus BOM's kafka-clients
 * because broker and client share one classpath here.
 *
 * <p>{@link #secured} makes it a broker as production runs one: clients authenticate with SCRAM-SHA-512, the standard
 * authorizer denies what no ACL allows, and only {@code admin} is a super user (its password is the one given; the
 * controller listener takes PLAIN with that admin only, as SCRAM credentials live in the metadata the controller
 * serves). Users and ACLs come from {@link #addUser} and {@link #grant}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final boolean deleteOnClose;
    /** null: plaintext, no authentication, no authorizer (the services' own tests) */
    private final String adminPassword;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(int port, int controllerPort, Path logDir, boolean deleteOnClose, String adminPassword) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.adminPassword = adminPassword;
    }

    public static final String ADMIN = "admin";
    public static final String SCRAM = "SCRAM-SHA-512";

    /** The same broker, with SCRAM authentication and ACLs enforced; {@code adminPassword} is the super user's. */
    public EmbeddedKafkaBroker secured(String adminPassword) {
        if (adminPassword == null || adminPassword.isBlank() || adminPassword.contains("\"") || adminPassword.contains("\\")) {
            throw new IllegalArgumentException("the admin password must be non-blank, without quotes or backslashes");
        }
        return new EmbeddedKafkaBroker(port, controllerPort, logDir, deleteOnClose, adminPassword);
    }

    public boolean isSecured() {
        return adminPassword != null;
    }

    /** What a client needs besides bootstrap.servers to log in as {@code user} (SASL/SCRAM-SHA-512). */
    public static Map<String, Object> saslClientProperties(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", SCRAM, "sasl.jaas.config", scramJaas(user, password));
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** The admin client's properties: bootstrap, and the super user's login when secured. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (isSecured()) {
            p.putAll(saslClientProperties(ADMIN, adminPassword));
        }
        return p;
    }

    /** Creates or replaces a SCRAM-SHA-512 login (secured brokers only). */
    public void addUser(String user, String password) {
        requireSecured();
        try (Admin admin = Admin.create(adminProperties())) {
            admin.alterUserScramCredentials(List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(user,
                    new org.apache.kafka.clients.admin.ScramCredentialInfo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096),
                    password))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Kafka user " + user, e);
        }
    }

    /** Adds these ACLs (secured brokers only); existing ones stay. */
    public void grant(java.util.Collection<org.apache.kafka.common.acl.AclBinding> acls) {
        requireSecured();
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create ACLs", e);
        }
    }

    private void requireSecured() {
        if (!isSecured()) {
            throw new IllegalStateException("a plaintext broker has no users and no ACLs");
        }
    }

    /** Free ports and a temporary log dir that is removed on {@link #close()}. */
    public static EmbeddedKafkaBroker onFreePorts() {
        try {
            return new EmbeddedKafkaBroker(Ports.free(), Ports.free(), Files.createTempDirectory("kafka-"), true, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fixed ports and a persistent data dir (the local stack: data survives a restart). */
    public static EmbeddedKafkaBroker on(int port, int controllerPort, Path dataDir) {
        return new EmbeddedKafkaBroker(port, controllerPort, dataDir, false, null);
    }

    public EmbeddedKafkaBroker start() {
        long t0 = System.nanoTime();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        if (isSecured()) {
            p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
            p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
            p.put("sasl.enabled.mechanisms", SCRAM);
            p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
            p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", scramJaas(ADMIN, adminPassword));
            // SCRAM credentials live in the metadata the controller serves: its own listener takes PLAIN, admin only
            p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            p.put("sasl.mechanism.controller.protocol", "PLAIN");
            p.put("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"" + ADMIN + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";");
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("super.users", "User:" + ADMIN);
            p.put("allow.everyone.if.no.acl.found", "false");
            // topics are declared (PlatformTopics), never created by a client's first write
            p.put("auto.create.topics.enable", "false");
        } else {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("auto.create.topics.enable", "true");
        }
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // one node: every internal topic has replication 1, and few partitions (50 slows the first group join)
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default 128 MiB dedupe buffer doubles the RSS and OOMs a small heap
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.partitions", "3");
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                Path props = logDir.resolveSibling(logDir.getFileName() + ".server.properties");
                try (Writer w = Files.newBufferedWriter(props)) {
                    p.store(w, null);
                }
                // the equivalent of kafka-storage.sh format
                List<String> format = new java.util.ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(),
                        "-c", props.toString(), "--ignore-formatted"));
                if (isSecured()) {
                    // the super user's SCRAM login, written with the first metadata (like kafka-storage.sh --add-scram)
                    format.addAll(List.of("--add-scram", SCRAM + "=[name=" + ADMIN + ",password=" + adminPassword + "]"));
                }
                int rc = StorageTool.execute(format.toArray(String[]::new), new PrintStream(OutputStream.nullOutputStream()));
                Files.deleteIfExists(props);
                if (rc != 0) {
                    throw new IllegalStateException("kafka storage format failed with exit code " + rc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        server.startup();
        createTopics(PlatformTopics.ALL);
        System.out.printf("Kafka up on %s in %d ms%n", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Creates the topics that do not exist yet (idempotent), with their declared configs. */
    public void createTopics(List<PlatformTopics.Topic> topics) {
        try (Admin admin = Admin.create(adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics", e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics", e);
        }
    }

    /**
     * Stops the broker as a crashed or restarted node would go away, keeping its ports and data directory (even for
     * a broker made by {@link #onFreePorts()}): {@link #start()} brings it back with its topics, users, ACLs and
     * records. A no-op when it is not running.
     */
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Whether {@link #start()} ran and neither {@link #stop()} nor {@link #close()} since. */
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }

    /** {@code java ... EmbeddedKafkaBroker <port> <controllerPort> <dataDir>}: a broker for manual use. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        int controller = args.length > 1 ? Integer.parseInt(args[1]) : 9093;
        Path dir = Path.of(args.length > 2 ? args[2] : ".kafka-data");
        EmbeddedKafkaBroker broker = on(port, controller, dir).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        Thread.currentThread().join();
    }
}
