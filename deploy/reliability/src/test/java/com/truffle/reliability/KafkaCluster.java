package com.truffle.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.truffle.deploy.kafka.PlatformTopics;
import com.truffle.deploy.net.Ports;
import com.truffle.platform.testing.TestInfrastructure;

/**
 * Scenario 9's Kafka: three KRaft nodes (each broker and controller) in containers of {@link TestInfrastructure#KAFKA_IMAGE}
 * on one Docker network, as a production cluster is run: replication factor 3, {@code min.insync.replicas} 2, no
 * unclean leader election, no topic auto-creation (the platform's topics are declared up front, as an operator
 * would). Each node's client listener is published on 127.0.0.1 only, on a port fixed for the node's life, so the
 * services (processes on this machine) keep the same bootstrap list across a node's kill and restart; the nodes talk to
 * each other on the network.
 */
final class KafkaCluster implements AutoCloseable {

    static final int NODES = 3;
    private static final String CLUSTER_ID = org.apache.kafka.common.Uuid.randomUuid().toString();
    private static final int CLIENT_PORT = 9092;

    private final Network network = Network.newNetwork();
    private final List<GenericContainer<?>> nodes = new ArrayList<>();
    private final List<Integer> hostPorts;

    private KafkaCluster() {
        hostPorts = Ports.free(NODES);
        String voters = java.util.stream.IntStream.rangeClosed(1, NODES).mapToObj(i -> i + "@" + alias(i) + ":9093")
                .collect(Collectors.joining(","));
        for (int id = 1; id <= NODES; id++) {
            int hostPort = hostPorts.get(id - 1);
            GenericContainer<?> node = new GenericContainer<>(DockerImageName.parse(TestInfrastructure.KAFKA_IMAGE))
                    .withNetwork(network)
                    .withNetworkAliases(alias(id))
                    .withEnv("CLUSTER_ID", CLUSTER_ID)
                    .withEnv("KAFKA_NODE_ID", String.valueOf(id))
                    .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                    .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                    .withEnv("KAFKA_LISTENERS", "INTERNAL://:19092,EXTERNAL://:" + CLIENT_PORT + ",CONTROLLER://:9093")
                    .withEnv("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://" + alias(id) + ":19092,EXTERNAL://127.0.0.1:" + hostPort)
                    .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
                    .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                    .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                    .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .withEnv("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_LOG_DIRS", "/var/lib/kafka/data")
                    .withEnv("KAFKA_HEAP_OPTS", "-Xms128m -Xmx384m")
                    .withExposedPorts(CLIENT_PORT)
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                            new PortBinding(com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                                    ExposedPort.tcp(CLIENT_PORT))))
                    .withLogConsumer(logFile(id))
                    .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(Duration.ofSeconds(180)));
            nodes.add(node);
        }
    }

    /** Starts the three nodes together (a quorum needs a majority up) and declares the platform's topics. */
    static KafkaCluster start() {
        KafkaCluster cluster = new KafkaCluster();
        long t0 = System.nanoTime();
        Startables.deepStart(cluster.nodes).join();
        cluster.awaitBrokers(NODES);
        cluster.createTopics();
        System.out.printf("[kafka-cluster] %d KRaft nodes up on %s in %.1f s (RF 3, min.insync.replicas 2)%n", NODES,
                cluster.bootstrapServers(), (System.nanoTime() - t0) / 1e9);
        return cluster;
    }

    String bootstrapServers() {
        return hostPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** The node that leads {@code topic}'s partition {@code partition} now. */
    int leaderOf(String topic, int partition) {
        return describe(topic).partitions().get(partition).leader().id();
    }

    /** SIGKILL of one node's process (its container), as a machine or a pod lost at once. */
    void kill(int node) {
        DockerClientFactory.instance().client().killContainerCmd(container(node).getContainerId()).withSignal("KILL").exec();
    }

    /** Starts a killed node again (same container: same data directory, same ports) and waits until it is back in every ISR. */
    void restart(int node) {
        DockerClientFactory.instance().client().startContainerCmd(container(node).getContainerId()).exec();
        awaitBrokers(NODES);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> underReplicatedPartitions() == 0);
    }

    /** Makes sure every node runs (after a failed scenario). */
    void ensureRunning() {
        for (int node = 1; node <= NODES; node++) {
            var state = DockerClientFactory.instance().client().inspectContainerCmd(container(node).getContainerId()).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                restart(node);
            }
        }
    }

    /**
     * Moves the leadership of every partition of {@code topics} to another in-sync replica: the replica list is
     * reordered (same replicas, another one first: no data moves) and a preferred-leader election run, as an operator
     * rebalancing leaders does. Returns how many partitions changed leader.
     */
    int moveLeaders(List<String> topics) {
        try (Admin admin = admin()) {
            Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new HashMap<>();
            Map<TopicPartition, Integer> before = new HashMap<>();
            for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    List<Integer> isr = p.isr().stream().map(n -> n.id()).collect(Collectors.toList());
                    int leader = p.leader().id();
                    int next = isr.stream().filter(n -> n != leader).findFirst()
                            .orElseThrow(() -> new AssertionError(d.name() + "-" + p.partition() + " has no other in-sync replica"));
                    List<Integer> order = new ArrayList<>(List.of(next));
                    p.replicas().stream().map(n -> n.id()).filter(n -> n != next).forEach(order::add);
                    TopicPartition tp = new TopicPartition(d.name(), p.partition());
                    moves.put(tp, Optional.of(new NewPartitionReassignment(order)));
                    before.put(tp, leader);
                }
            }
            admin.alterPartitionReassignments(moves).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.listPartitionReassignments(moves.keySet()).reassignments().get().isEmpty());
            admin.electLeaders(ElectionType.PREFERRED, moves.keySet()).partitions().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Integer> after = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                after.clear();
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                    d.partitions().forEach(p -> after.put(new TopicPartition(d.name(), p.partition()), p.leader() == null ? -1 : p.leader().id()));
                }
                return moves.keySet().stream().noneMatch(tp -> after.get(tp).equals(before.get(tp)) || after.get(tp) < 0);
            });
            return (int) moves.keySet().stream().filter(tp -> !after.get(tp).equals(before.get(tp))).count();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not move the leaders of " + topics, e);
        }
    }

    /** Partitions of the platform's topics whose ISR is smaller than their replica list. */
    long underReplicatedPartitions() {
        List<String> names = PlatformTopics.ALL.stream().map(PlatformTopics.Topic::name).collect(Collectors.toList());
        try (Admin admin = admin()) {
            return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream()).filter(p -> p.isr().size() < p.replicas().size()).count();
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }

    private void createTopics() {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (PlatformTopics.Topic t : PlatformTopics.ALL) {
                Map<String, String> configs = new HashMap<>(t.configs());
                configs.put("min.insync.replicas", "2");
                topics.add(new NewTopic(t.name(), t.partitions(), (short) NODES).configs(configs));
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create the platform's topics on the cluster", e);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> underReplicatedPartitions() == 0);
    }

    private void awaitBrokers(int count) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            try (Admin admin = admin()) {
                return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count;
            }
        });
    }

    private TopicDescription describe(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not describe " + topic, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000"));
    }

    private GenericContainer<?> container(int node) {
        return nodes.get(node - 1);
    }

    /** Each node's output until it is killed, kept for a post-mortem in {@code target/kafka-cluster/kafka-<node>.log}. */
    private static java.util.function.Consumer<OutputFrame> logFile(int node) {
        Path file = Path.of("target", "kafka-cluster", alias(node) + ".log");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frame -> {
            try {
                Files.writeString(file, frame.getUtf8String(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // a log line lost is not worth failing the scenario for
            }
        };
    }

    private static String alias(int node) {
        return "kafka-" + node;
    }

    @Override
    public void close() {
        nodes.forEach(GenericContainer::stop);
        network.close();
    }
}
