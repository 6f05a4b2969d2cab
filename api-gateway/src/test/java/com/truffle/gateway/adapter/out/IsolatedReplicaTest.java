package com.truffle.gateway.adapter.out;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.truffle.deploy.kafka.EmbeddedKafkaBroker;
import com.truffle.deploy.net.Ports;
import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A gateway whose broker goes away, or whose key-state topic is repartitioned under it, no longer trusts its replica:
 * readiness goes down and key-service (authoritative) confirms every key, so a key revoked meanwhile is refused within
 * the staleness bound. A broker of its own (the shared one stays up for the other tests), stopped and restarted here.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(IsolatedReplicaTest.OwnBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolatedReplicaTest {

    static final Duration BOUND = Duration.ofSeconds(1);
    static final String TOPIC = "truffle.keys.state.v1";
    static int port;
    static int controllerPort;
    static Path data;
    static EmbeddedKafkaBroker broker;

    /**
     * The broker's ports are chosen once per JVM and kept in system properties: the profile (loaded by Quarkus's own
     * class loader) and the test (another one) must agree on them; only the test starts and stops the broker, and the
     * gateway simply keeps trying until it is there.
     */
    static String bootstrapServers() {
        synchronized (System.class) {
            if (System.getProperty("truffle.test.isolated-kafka-port") == null) {
                System.setProperty("truffle.test.isolated-kafka-port", String.valueOf(Ports.free()));
                System.setProperty("truffle.test.isolated-kafka-controller-port", String.valueOf(Ports.free()));
            }
        }
        return "127.0.0.1:" + System.getProperty("truffle.test.isolated-kafka-port");
    }

    static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            bootstrapServers();
            port = Integer.parseInt(System.getProperty("truffle.test.isolated-kafka-port"));
            controllerPort = Integer.parseInt(System.getProperty("truffle.test.isolated-kafka-controller-port"));
            if (data == null) {
                try {
                    data = Files.createTempDirectory("isolated-kafka-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    if (broker != null) {
                        broker.close();
                    }
                }, "isolated-broker-stop"));
            }
            broker = EmbeddedKafkaBroker.on(port, controllerPort, data).start();
        }
        return broker;
    }

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truffle.gateway.kafka.bootstrap-servers", bootstrapServers(),
                    "truffle.gateway.kafka.key-state-max-staleness", "PT1S",
                    "truffle.gateway.kafka.key-state-partition-check", "PT0.5S");
        }
    }

    @ConfigProperty(name = "quarkus.management.test-port")
    int managementPort;

    static void publish(TestApiKey key) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(TOPIC, key.keyId(), key.recordJson())).get(20, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Replica.find(key) != null);
    }

    static int jobs(TestApiKey key) {
        return given().header("Authorization", key.bearer()).get("/v1/jobs").statusCode();
    }

    String readiness() {
        return given().port(managementPort).get("/q/health/ready").then().extract().path("checks.find { it.name == 'key-state replica' }.status");
    }

    @Test
    @Order(1)
    void cutOffFromKafkaTheGatewayGoesUnreadyAndRefusesAKeyRevokedMeanwhileWithinTheBound() throws Exception {
        TestApiKey kept = TestApiKey.live("isolated-co", "READ");
        TestApiKey revoked = TestApiKey.live("isolated-co", "READ");
        publish(kept);
        publish(revoked);
        assertThat(jobs(kept)).isEqualTo(200);
        assertThat(jobs(revoked)).isEqualTo(200);
        int callsBefore = GatewayTestResource.keyService().calls(kept.hashHex());
        assertThat(readiness()).isEqualTo("UP");

        broker().close();
        broker = null;
        // key-service still knows the one key; the other was revoked there while this gateway heard nothing
        GatewayTestResource.keyService().knows(kept.hashHex(), kept.recordJson());
        long cut = System.nanoTime();
        await().atMost(BOUND.plusSeconds(4)).pollInterval(Duration.ofMillis(50)).until(() -> jobs(revoked) == 401);
        long refusedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
        assertThat(refusedAfterMs).as("refused within the bound (plus a check interval)").isLessThan(BOUND.toMillis() + 2_500);
        assertThat(jobs(kept)).as("key-service vouches for it").isEqualTo(200);
        assertThat(GatewayTestResource.keyService().calls(kept.hashHex())).isGreaterThan(callsBefore);
        given().port(managementPort).get("/q/health/ready").then().statusCode(503);

        // the broker comes back on the same ports and data: fresh again, ready, and hits need key-service no more
        broker();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "UP".equals(readiness()));
        int calls = GatewayTestResource.keyService().calls(kept.hashHex());
        TimeUnit.MILLISECONDS.sleep(1_200); // past the confirmation's lifetime
        assertThat(jobs(kept)).isEqualTo(200);
        assertThat(GatewayTestResource.keyService().calls(kept.hashHex())).isEqualTo(calls);
    }

    @Test
    @Order(2)
    void aTopicRepartitionedUnderTheGatewayIsNeverTrustedAgain() throws Exception {
        TestApiKey key = TestApiKey.live("repartitioned-co", "READ");
        publish(key);
        assertThat(jobs(key)).isEqualTo(200);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker().bootstrapServers()))) {
            int now = admin.describeTopics(java.util.List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size();
            admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(now + 3))).all().get(20, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Replica.bean().repartitioned());
        given().port(managementPort).get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'key-state replica' }.data.repartitioned", equalTo(true));
        // key-service does not know this key (any more): the replica's word is not taken
        assertThat(jobs(key)).isEqualTo(401);
        TestApiKey vouched = TestApiKey.live("repartitioned-co", "READ");
        publish(vouched);
        GatewayTestResource.keyService().knows(vouched.hashHex(), vouched.recordJson());
        assertThat(jobs(vouched)).isEqualTo(200);
    }
}
