package com.truffle.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.truffle.deploy.containers.ServiceManifests.Deployment;
import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.deploy.idp.DevIdentityProvider;
import com.truffle.deploy.kafka.PlatformTopics;
import com.truffle.deploy.stack.StackSecrets;
import com.truffle.platform.testing.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The five service images, outside the launcher: PostgreSQL, Kafka and ghcr.io/truffle/* on one user-defined Docker
 * network, each service with the environment {@code deploy/kubernetes/services.yaml} gives it (read from the file,
 * the image name included), published ports on 127.0.0.1 only, and the walking skeleton driven through the gateway
 * container: paid plan, access request, approval, a READ key, {@code GET /v1/jobs} 200 and {@code POST} 403.
 *
 * <p>The containers answer to the names the manifests use ({@code truffle-pg-rw}, {@code truffle-kafka-bootstrap},
 * {@code key-service}, ...). What differs from a cluster, and why, is {@link #DEVIATIONS}: nothing else is changed.
 * Each container runs as the manifests run it: the image's non-root user, a read-only root filesystem with a
 * writable /tmp, no capabilities, no privilege escalation, the manifest's memory limit.
 */
class ImagesRunTogetherIT {

    static final String KAFKA_BOOTSTRAP = "truffle-kafka-bootstrap:19092";

    /** Where the containers differ from deploy/kubernetes, with the reason. */
    static final Map<String, String> DEVIATIONS = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS=" + KAFKA_BOOTSTRAP,
            "the broker answers to the manifests' name, but Testcontainers' Kafka keeps 9093 for its own inter-broker "
                    + "listener, so the services' listener is on 19092",
            "KAFKA_SECURITY_PROTOCOL=PLAINTEXT, no KAFKA_SASL_* / KAFKA_SSL_*",
            "the cluster's TLS + SCRAM come from the Strimzi operators (cluster CA, user operator); the local broker "
                    + "image has neither, so the brokers' listener here is plaintext (the services' SASL/TLS "
                    + "settings are covered by the local stack's SCRAM broker and KubernetesManifestsTest)",
            "TRUFFLE_IDP_JWKS_URL=/secrets/idp-jwks.json",
            "no identity provider is reachable from the containers (no outbound network): the gateway reads the dev "
                    + "IdP's key set from a file (SmallRye JWT takes a file as well as a URL); issuer unchanged");

    static final String IDP_JWKS_FILE = "/secrets/idp-jwks.json";
    static final List<String> BACKENDS = List.of("key-service", "access-request-service", "screening-service",
            "ashby-connector-service");
    static final String GATEWAY = "api-gateway";
    static final Set<String> KAFKA_LOGIN = Set.of("KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD",
            "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION");

    static final SecureRandom RANDOM = new SecureRandom();

    static Path root;
    static Path out;
    static Network network;
    static PostgreSQLContainer postgres;
    static KafkaContainer kafka;
    static final Map<String, GenericContainer<?>> services = new LinkedHashMap<>();
    static final Map<String, ToStringConsumer> logs = new LinkedHashMap<>();
    static DevIdentityProvider idp;
    static StackSecrets secrets;
    static RequestSpecification gateway;

    @BeforeAll
    static void startTheImages() throws Exception {
        assumeTrue(TestInfrastructure.containers(), "no Docker engine answers: the images cannot run here"
                + " (deploy/containers/engine.sh up starts one; .ci/run does)");
        root = Path.of(System.getProperty("truffle.repo.root", "../..")).toAbsolutePath().normalize();
        out = Files.createDirectories(root.resolve("deploy/containers/target/images-run-together"));
        buildImages();

        ServiceManifests manifests = ServiceManifests.read(root.resolve("deploy/kubernetes/services.yaml"));
        secrets = StackSecrets.loadOrCreate(out.resolve("secrets"));
        idp = new DevIdentityProvider(manifests.deployment(GATEWAY).env().stream()
                .filter(v -> v.name().equals("TRUFFLE_IDP_ISSUER")).findFirst().orElseThrow().value()).start(0);
        Path jwks = Files.writeString(out.resolve("idp-jwks.json"), idp.jwksJson());
        Map<String, String> secretValues = secretValues();

        long t0 = System.nanoTime();
        network = Network.newNetwork();
        postgres = new PostgreSQLContainer(DockerImageName.parse(TestInfrastructure.POSTGRES_IMAGE))
                .withUsername("postgres").withPassword(random()).withDatabaseName("postgres")
                .withNetwork(network).withNetworkAliases("truffle-pg-rw")
                .withCreateContainerCmdModifier(ImagesRunTogetherIT::publishOnLoopbackOnly);
        // the manifests' bootstrap address; the test itself (on the host) uses the published listener
        kafka = new KafkaContainer(DockerImageName.parse(TestInfrastructure.KAFKA_IMAGE))
                .withListener(KAFKA_BOOTSTRAP).withNetworkAliases("truffle-kafka-bootstrap")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withNetwork(network)
                .withCreateContainerCmdModifier(ImagesRunTogetherIT::publishOnLoopbackOnly);
        Startables.deepStart(postgres, kafka).get(120, TimeUnit.SECONDS);
        // what the operators do in the cluster: each service's role (its own password) and database, the topics
        DatabaseBootstrap admin = new DatabaseBootstrap(postgres.getHost(), postgres.getMappedPort(5432), "postgres",
                postgres.getPassword());
        for (Deployment d : manifests.deployments()) {
            Map<String, String> env = ServiceManifests.resolve(d, secretValues);
            if (env.containsKey("DB_NAME")) {
                admin.ensure(env.get("DB_USER"), env.get("DB_PASSWORD"), env.get("DB_NAME"));
            }
        }
        try (Admin kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
            kafkaAdmin.createTopics(PlatformTopics.ALL.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs())).toList())
                    .all().get(60, TimeUnit.SECONDS);
        }
        System.out.printf("[images] PostgreSQL and Kafka up, roles, databases and %d topics made: %d ms%n",
                PlatformTopics.ALL.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

        for (String name : BACKENDS) {
            services.put(name, service(manifests.deployment(name), secretValues, null));
        }
        long t1 = System.nanoTime();
        Startables.deepStart(services.values().toArray(Startable[]::new)).get(240, TimeUnit.SECONDS);
        GenericContainer<?> gw = service(manifests.deployment(GATEWAY), secretValues, jwks);
        services.put(GATEWAY, gw);
        gw.start();
        System.out.printf("[images] five services ready (backends in parallel, then the gateway): %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
        gateway = RestAssured.given().baseUri("http://127.0.0.1:" + gw.getMappedPort(8080));
    }

    @AfterAll
    static void stopAndKeepTheLogs() throws IOException {
        if (out != null) {
            for (var e : logs.entrySet()) {
                Files.writeString(out.resolve(e.getKey() + ".log"), e.getValue().toUtf8String(), StandardCharsets.UTF_8);
            }
        }
        List<AutoCloseable> all = new ArrayList<>();
        services.values().forEach(c -> all.add(c::stop));
        if (kafka != null) {
            all.add(kafka::stop);
        }
        if (postgres != null) {
            all.add(postgres::stop);
        }
        if (network != null) {
            all.add(network::close);
        }
        if (idp != null) {
            all.add(idp);
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("[images] stopping: " + e);
            }
        }
    }

    @Test
    void theWalkingSkeletonRunsThroughTheGatewayContainer() {
        String company = "co-" + UUID.randomUUID().toString().substring(0, 8);
        String staff = idp.mint("reviewer@truffle.dev", null, List.of("truffle-staff"));
        String admin = idp.mint("admin@" + company, company, List.of("company-admin"));

        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("plan", "PAID"))
                .put("/staff/companies/{id}/plan", company)
                .then().statusCode(200).body("plan", equalTo("PAID"));
        String requestId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("use_case", "Sync candidates with our CRM"))
                .post("/v1/api-access/requests").then().statusCode(201).extract().path("id");
        given().auth().oauth2(staff).get("/staff/access-requests?status=PENDING&limit=200")
                .then().statusCode(200).body("data.id", hasItem(requestId));
        given().auth().oauth2(staff).contentType(ContentType.JSON).body("{}")
                .post("/staff/access-requests/{id}/approve", requestId).then().statusCode(200);

        // the approval reaches key-service over Kafka (access-request-service's outbox -> truffle.access.v1)
        JsonPath[] key = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "READ key", "description", "container smoke test", "permission", "READ"))
                    .post("/v1/api-keys");
            key[0] = r.statusCode() == 201 ? r.jsonPath() : null;
            return key[0] != null;
        });
        String secret = key[0].getString("secret");
        assertThat(secret).startsWith("trf_live_");

        // the gateway admits the READ key on GET /v1/jobs (screening-service answers) and refuses POST with 403
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(secret).get("/v1/jobs").statusCode() == 200);
        given().auth().oauth2(secret).get("/v1/jobs").then().statusCode(200).body("data.size()", equalTo(0));
        given().auth().oauth2(secret).contentType(ContentType.JSON)
                .body(Map.of("title", "Engineer", "description", "x", "questions", List.of()))
                .post("/v1/jobs").then().statusCode(403).contentType("application/problem+json")
                .body("required_permission", equalTo("WRITE")).body("granted_permission", equalTo("READ"));
        given().get("/v1/jobs").then().statusCode(401).contentType("application/problem+json");

        // every published port of every container is on the loopback interface only
        List<GenericContainer<?>> all = new ArrayList<>(services.values());
        all.add(postgres);
        all.add(kafka);
        for (GenericContainer<?> c : all) {
            var bindings = c.getContainerInfo().getNetworkSettings().getPorts().getBindings();
            assertThat(bindings).as("%s: published ports", c.getDockerImageName()).isNotEmpty();
            bindings.values().stream().filter(java.util.Objects::nonNull).flatMap(java.util.Arrays::stream)
                    .forEach(b -> assertThat(b.getHostIp()).as("%s: published on", c.getDockerImageName()).isEqualTo("127.0.0.1"));
        }

        // and no container logged the secret it was given or the one it issued
        for (var e : logs.entrySet()) {
            String log = e.getValue().toUtf8String();
            assertThat(log).as("%s's log", e.getKey()).doesNotContain(secret).doesNotContain(secrets.keyPepper());
        }
    }

    private static RequestSpecification given() {
        return RestAssured.given().spec(gateway);
    }

    /** One service's container, configured from its Deployment. */
    private static GenericContainer<?> service(Deployment d, Map<String, String> secretValues, Path idpJwks) {
        Map<String, String> env = ServiceManifests.resolve(d, secretValues);
        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as("%s: KAFKA_BOOTSTRAP_SERVERS", d.name())
                .startsWith("truffle-kafka-bootstrap:");
        env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA_BOOTSTRAP);
        env.put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        KAFKA_LOGIN.forEach(env::remove);
        if (idpJwks != null) {
            env.put("TRUFFLE_IDP_JWKS_URL", IDP_JWKS_FILE);
        }
        long memoryLimit = bytes(d.memoryLimit());
        // the Secret volume at /secrets, read-only: a plain bind (copying into a container with a read-only root is
        // refused, and Testcontainers' own bind would first pull an image to check that binds work)
        Bind secretVolume = new Bind(secretVolume(d.name(), env, idpJwks).toString(), new Volume("/secrets"), AccessMode.ro);
        ToStringConsumer log = new ToStringConsumer();
        logs.put(d.name(), log);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(d.image()))
                .withNetwork(network).withNetworkAliases(d.name())
                .withEnv(env)
                .withExposedPorts(d.containerPorts().toArray(Integer[]::new))
                .withTmpFs(Map.of("/tmp", "rw,size=256m"))
                .withLogConsumer(log)
                .waitingFor(Wait.forHttp(d.readinessPath()).forPort(d.readinessPort()).forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(180)))
                .withCreateContainerCmdModifier(cmd -> {
                    publishOnLoopbackOnly(cmd);
                    cmd.getHostConfig().withBinds(secretVolume).withReadonlyRootfs(true).withCapDrop(Capability.ALL)
                            .withSecurityOpts(List.of("no-new-privileges")).withMemory(memoryLimit);
                });
        return c;
    }

    /**
     * The files the manifest mounts at /secrets for this service, world-readable copies in a directory of its own (the
     * image's user is not the owner of the originals): the internal-JWT public key for every service, the private key
     * only where the manifest names one (the gateway), the IdP's key set for the gateway.
     */
    private static Path secretVolume(String service, Map<String, String> env, Path idpJwks) {
        try {
            Path dir = Files.createDirectories(out.resolve("volumes").resolve(service));
            copyReadable(secrets.internalJwtPublicKey(), dir.resolve("internal-jwt-public.pem"));
            String privateKey = env.get("TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION");
            if (privateKey != null) {
                assertThat(privateKey).as("%s: the private key's location", service).isEqualTo("/secrets/internal-jwt-private.pem");
                copyReadable(secrets.internalJwtPrivateKey(), dir.resolve("internal-jwt-private.pem"));
            }
            if (idpJwks != null) {
                copyReadable(idpJwks, dir.resolve(Path.of(IDP_JWKS_FILE).getFileName().toString()));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyReadable(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("r--r--r--"));
    }

    /** Every exposed port published on 127.0.0.1 only (a free host port each), never on all interfaces. */
    private static void publishOnLoopbackOnly(CreateContainerCmd cmd) {
        ExposedPort[] exposed = cmd.getExposedPorts();
        if (exposed == null) {
            return;
        }
        Ports ports = new Ports();
        for (ExposedPort p : exposed) {
            ports.bind(p, Ports.Binding.bindIp("127.0.0.1"));
        }
        cmd.getHostConfig().withPortBindings(ports);
    }

    /** What the Secrets of the cluster hold, made up for this run ("secret/key" -> value). */
    private static Map<String, String> secretValues() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("truffle-secrets/key-pepper", secrets.keyPepper());
        v.put("truffle-secrets/session-secret", secrets.sessionSecret());
        v.put("truffle-secrets/screening-encryption-key", secrets.screeningEncryptionKey());
        v.put("truffle-secrets/ashby-encryption-key", secrets.ashbyEncryptionKey());
        v.put("truffle-secrets/oidc-client-secret", random());
        for (String role : List.of("keys", "access", "screening", "ashby")) {
            v.put("truffle-pg-" + role + "/password", random());
        }
        // the services' Kafka logins: read from the manifest, then unused (see DEVIATIONS)
        for (String service : List.of(GATEWAY, "key-service", "access-request-service", "screening-service",
                "ashby-connector-service")) {
            v.put(service + "/password", random());
        }
        return v;
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static long bytes(String quantity) {
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) << 20;
        }
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) << 30;
        }
        throw new IllegalArgumentException("memory limit " + quantity + ": Mi or Gi expected");
    }

    /** The five images from the jars the reactor just packaged, tagged as the manifests name them. */
    private static void buildImages() throws IOException, InterruptedException {
        Path log = out.resolve("build-images.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", root.resolve("deploy/containers/build-images.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("build-images.sh did not finish within 10 minutes; see " + log);
        }
        String output = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("build-images.sh failed (" + p.exitValue() + "):\n" + output);
        }
        System.out.printf("[images] built in %d ms:%n%s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                output.lines().filter(l -> l.startsWith("ghcr.io") || l.startsWith("total")).collect(Collectors.joining("\n")));
    }
}
