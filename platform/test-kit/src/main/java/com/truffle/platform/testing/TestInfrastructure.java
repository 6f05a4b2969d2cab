package com.truffle.platform.testing;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.deploy.kafka.KafkaBrokerTestResource;

/**
 * Where a test JVM's PostgreSQL and Kafka come from, decided once per JVM:
 * <ul>
 *   <li><b>containers</b> — when a Docker engine answers: one PostgreSQL and one Kafka (KRaft) container started with
 *       Testcontainers, removed when the JVM ends. Images {@value #POSTGRES_IMAGE} and {@value #KAFKA_IMAGE}: pulled
 *       where a registry is reachable, the project's stand-ins where not ({@code deploy/containers/engine.sh up}).</li>
 *   <li><b>local</b> — otherwise: the machine's PostgreSQL (PG_HOST/PG_PORT/PG_USER/PG_PASSWORD, default
 *       127.0.0.1:5432 as postgres) and the in-process broker (one per JVM, free ports).</li>
 * </ul>
 * {@code -Dtruffle.tests.infrastructure=local|containers} (or the variable {@code TRUFFLE_TESTS_INFRASTRUCTURE})
 * forces one; the default, {@code auto}, asks Docker. {@code containers} with no engine fails instead of falling back.
 */
public final class TestInfrastructure {

    public static final String POSTGRES_IMAGE = "postgres:15";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private static Boolean containers;
    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;

    /** Whether this JVM's tests run on containers (asked once). */
    public static synchronized boolean containers() {
        if (containers == null) {
            String wanted = System.getProperty("truffle.tests.infrastructure",
                    System.getenv().getOrDefault("TRUFFLE_TESTS_INFRASTRUCTURE", "auto")).trim().toLowerCase(Locale.ROOT);
            containers = switch (wanted) {
                case "local" -> false;
                case "containers" -> {
                    if (!DockerClientFactory.instance().isDockerAvailable()) {
                        throw new IllegalStateException("truffle.tests.infrastructure=containers, but no Docker engine answers"
                                + " (deploy/containers/engine.sh up starts one on a machine without)");
                    }
                    yield true;
                }
                case "auto" -> DockerClientFactory.instance().isDockerAvailable();
                default -> throw new IllegalStateException("truffle.tests.infrastructure is auto, local or containers; got " + wanted);
            };
            System.out.println("[test-infrastructure] " + (containers
                    ? "Testcontainers: " + POSTGRES_IMAGE + " and " + KAFKA_IMAGE
                    : "local: the machine's PostgreSQL and the in-process Kafka broker"));
        }
        return containers;
    }

    /** The PostgreSQL server with its admin login (which creates each service's role and test database). */
    public static synchronized DatabaseBootstrap postgres() {
        if (!containers()) {
            return DatabaseBootstrap.fromEnvironment();
        }
        if (postgres == null) {
            PostgreSQLContainer c = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                    .withUsername("postgres").withPassword("postgres").withDatabaseName("postgres");
            c.start();
            postgres = c;
        }
        return new DatabaseBootstrap(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), "postgres",
                "postgres");
    }

    /** The Kafka bootstrap servers every client of this JVM uses. */
    public static synchronized String kafkaBootstrapServers() {
        if (!containers()) {
            return KafkaBrokerTestResource.bootstrapServers();
        }
        if (kafka == null) {
            // as the in-process broker of the local path: topics made on first use, three partitions each
            KafkaContainer c = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                    .withEnv("KAFKA_NUM_PARTITIONS", "3")
                    .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            c.start();
            kafka = c;
        }
        return kafka.getBootstrapServers();
    }

    private TestInfrastructure() {
    }
}
