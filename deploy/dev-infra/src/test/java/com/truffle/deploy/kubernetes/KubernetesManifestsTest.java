package com.truffle.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.deploy.kafka.PlatformTopics;

/**
 * The Kubernetes manifests of deploy/kubernetes, parsed and held to the platform's hardening, so that none of it can
 * regress unnoticed (no cluster runs in CI): restricted pods, secrets only from Secrets, Kafka over TLS with one SCRAM
 * login per service and exactly the ACLs of {@link KafkaAccess}, every {@link PlatformTopics} topic declared, a
 * password for every PostgreSQL role, default-deny network policies with only the platform's own paths open, and an
 * https-only Ingress.
 * <p>
 * The directory is {@code ../kubernetes} (surefire runs in the module's directory), or the system property
 * {@value #DIR_PROPERTY}.
 */
class KubernetesManifestsTest {

    static final String DIR_PROPERTY = "truffle.k8s.dir";
    static final String NAMESPACE = "truffle";

    /** Kinds that live outside any namespace. */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume",
            "StorageClass", "CustomResourceDefinition", "IngressClass", "PriorityClass", "ClusterIssuer");

    /** Who may call whom on 8080 inside the namespace (docs/contracts.md): the gateway everyone, plus two service calls. */
    static final Map<String, Set<String>> CALLERS_ON_8080 = Map.of(
            KafkaAccess.API_GATEWAY, Set.of(),
            KafkaAccess.KEY_SERVICE, Set.of(KafkaAccess.API_GATEWAY, KafkaAccess.ASHBY_CONNECTOR),
            KafkaAccess.ACCESS_REQUEST_SERVICE, Set.of(KafkaAccess.API_GATEWAY, KafkaAccess.KEY_SERVICE),
            KafkaAccess.SCREENING_SERVICE, Set.of(KafkaAccess.API_GATEWAY),
            KafkaAccess.ASHBY_CONNECTOR, Set.of(KafkaAccess.API_GATEWAY));

    /** Who may leave the cluster, to which port (public addresses only). */
    static final Map<String, Set<Integer>> PUBLIC_EGRESS = Map.of(
            KafkaAccess.API_GATEWAY, Set.of(443),
            KafkaAccess.KEY_SERVICE, Set.of(),
            KafkaAccess.ACCESS_REQUEST_SERVICE, Set.of(),
            KafkaAccess.SCREENING_SERVICE, Set.of(443, 587),
            KafkaAccess.ASHBY_CONNECTOR, Set.of(443));

    /** One YAML document of one file. */
    record Doc(String file, Map<String, Object> body) {
        String kind() {
            return str(body.get("kind"));
        }

        String name() {
            return str(at(body, "metadata", "name"));
        }

        String where() {
            return file + " " + kind() + "/" + name();
        }
    }

    static Path dir;
    static final List<Doc> DOCS = new ArrayList<>();
    static final List<String> UNPARSED = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        dir = Path.of(System.getProperty(DIR_PROPERTY, "../kubernetes")).toAbsolutePath().normalize();
        assertThat(dir).as("the Kubernetes manifests directory %s (run from deploy/dev-infra, or set -D%s)", dir, DIR_PROPERTY)
                .isDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
        assertThat(files).as("YAML manifests in %s", dir).isNotEmpty();
        for (Path file : files) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int i = 0;
                for (Object o : yaml.loadAll(r)) {
                    i++;
                    if (o == null) {
                        continue; // an empty document (a trailing ---)
                    }
                    if (o instanceof Map<?, ?> m) {
                        DOCS.add(new Doc(file.getFileName().toString(), cast(m)));
                    } else {
                        UNPARSED.add(file.getFileName() + " document " + i + " is not a mapping: " + o);
                    }
                }
            } catch (RuntimeException e) {
                UNPARSED.add(file.getFileName() + " does not parse: " + e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ every resource

    @Test
    void everyDocumentIsANamespacedResourceOfTruffle() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(UNPARSED).as("documents of %s that do not parse", dir).isEmpty();
        for (Doc d : DOCS) {
            soft.assertThat(str(d.body().get("apiVersion"))).as("%s: apiVersion", d.where()).isNotBlank();
            soft.assertThat(d.kind()).as("%s: kind", d.where()).isNotBlank();
            soft.assertThat(d.name()).as("%s: metadata.name", d.where()).isNotBlank();
            if (!CLUSTER_SCOPED.contains(d.kind())) {
                soft.assertThat(str(at(d.body(), "metadata", "namespace"))).as("%s: metadata.namespace", d.where())
                        .isEqualTo(NAMESPACE);
            }
        }
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------------ deployments

    @Test
    void everyServiceIsADeploymentAndOnlyTheGatewayIsExposed() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(deployments().stream().map(Doc::name).toList()).as("the Deployments of %s", dir)
                .containsExactlyInAnyOrderElementsOf(KafkaAccess.USERS);
        for (Doc s : ofKind("Service")) {
            soft.assertThat(Optional.ofNullable(str(at(s.body(), "spec", "type"))).orElse("ClusterIP"))
                    .as("%s: spec.type (only the Ingress is a way in)", s.where()).isEqualTo("ClusterIP");
        }
        soft.assertAll();
    }

    @Test
    void podsRunRestricted() {
        SoftAssertions soft = new SoftAssertions();
        for (Doc d : deployments()) {
            Map<String, Object> pod = map(at(d.body(), "spec", "template", "spec"));
            Map<String, Object> podSc = map(pod.get("securityContext"));
            soft.assertThat(pod.get("automountServiceAccountToken")).as("%s: automountServiceAccountToken", d.where())
                    .isEqualTo(Boolean.FALSE);
            soft.assertThat(podSc.get("runAsNonRoot")).as("%s: pod securityContext.runAsNonRoot", d.where()).isEqualTo(Boolean.TRUE);
            checkNonZero(soft, d.where() + ": pod securityContext", podSc);
            Map<String, Map<String, Object>> volumes = new HashMap<>();
            for (Map<String, Object> v : maps(pod.get("volumes"))) {
                volumes.put(str(v.get("name")), v);
            }
            List<Map<String, Object>> containers = new ArrayList<>(maps(pod.get("containers")));
            containers.addAll(maps(pod.get("initContainers")));
            soft.assertThat(containers).as("%s: containers", d.where()).isNotEmpty();
            for (Map<String, Object> c : containers) {
                String where = d.where() + " container " + c.get("name");
                Map<String, Object> sc = map(c.get("securityContext"));
                soft.assertThat(sc.get("readOnlyRootFilesystem")).as("%s: securityContext.readOnlyRootFilesystem", where)
                        .isEqualTo(Boolean.TRUE);
                soft.assertThat(sc.get("allowPrivilegeEscalation")).as("%s: securityContext.allowPrivilegeEscalation", where)
                        .isEqualTo(Boolean.FALSE);
                soft.assertThat(sc.get("privileged")).as("%s: securityContext.privileged", where).isNotEqualTo(Boolean.TRUE);
                soft.assertThat(strings(at(sc, "capabilities", "drop"))).as("%s: securityContext.capabilities.drop", where)
                        .contains("ALL");
                soft.assertThat(strings(at(sc, "capabilities", "add"))).as("%s: securityContext.capabilities.add", where).isEmpty();
                checkNonZero(soft, where + ": securityContext", sc);
                soft.assertThat(sc.get("runAsNonRoot")).as("%s: securityContext.runAsNonRoot", where).isNotEqualTo(Boolean.FALSE);
                Object seccomp = Optional.ofNullable(at(sc, "seccompProfile", "type")).orElse(at(podSc, "seccompProfile", "type"));
                soft.assertThat(seccomp).as("%s: seccompProfile.type (container or pod)", where).isEqualTo("RuntimeDefault");
                Optional<Map<String, Object>> tmp = maps(c.get("volumeMounts")).stream()
                        .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst();
                soft.assertThat(tmp).as("%s: a volumeMount at /tmp (the root filesystem is read-only)", where).isPresent();
                tmp.ifPresent(m -> soft.assertThat(volumes.getOrDefault(str(m.get("name")), Map.of()))
                        .as("%s: the /tmp volume %s", where, m.get("name")).containsKey("emptyDir"));
            }
        }
        soft.assertAll();
    }

    private static void checkNonZero(SoftAssertions soft, String where, Map<String, Object> sc) {
        for (String id : List.of("runAsUser", "runAsGroup")) {
            if (sc.containsKey(id)) {
                soft.assertThat(((Number) sc.get(id)).longValue()).as("%s.%s (never root)", where, id).isNotZero();
            }
        }
    }

    @Test
    void secretsComeOnlyFromSecrets() {
        SoftAssertions soft = new SoftAssertions();
        for (Doc d : deployments()) {
            for (Map<String, Object> c : containers(d)) {
                for (Map<String, Object> e : maps(c.get("env"))) {
                    String name = str(e.get("name"));
                    if (!isSecretName(name)) {
                        continue;
                    }
                    String where = d.where() + " container " + c.get("name") + " env " + name;
                    soft.assertThat(e.get("value")).as("%s: a literal value (a secret must come from a secretKeyRef)", where).isNull();
                    soft.assertThat(at(e, "valueFrom", "secretKeyRef", "name")).as("%s: valueFrom.secretKeyRef.name", where).isNotNull();
                }
            }
        }
        soft.assertAll();
    }

    static boolean isSecretName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.endsWith("_LOCATION") || n.endsWith("_URL") || n.endsWith("_TYPE")) {
            return false;
        }
        return n.endsWith("PASSWORD") || n.endsWith("SECRET") || n.endsWith("PEPPER") || n.endsWith("KEY");
    }

    @Test
    void everyServiceLogsInToKafkaOverTlsAsItself() {
        SoftAssertions soft = new SoftAssertions();
        Set<Integer> tlsPorts = kafkaClusters().stream().flatMap(k -> maps(at(k.body(), "spec", "kafka", "listeners")).stream())
                .filter(l -> Boolean.TRUE.equals(l.get("tls"))).map(l -> ((Number) l.get("port")).intValue())
                .collect(Collectors.toSet());
        String caSecret = kafkaClusters().stream().findFirst().map(k -> k.name() + "-cluster-ca-cert").orElse("<no Kafka CR>");
        for (Doc d : deployments()) {
            Map<String, Map<String, Object>> env = env(d);
            String where = d.where();
            soft.assertThat(value(env, "KAFKA_SECURITY_PROTOCOL")).as("%s: KAFKA_SECURITY_PROTOCOL", where).isEqualTo("SASL_SSL");
            soft.assertThat(value(env, "KAFKA_SASL_MECHANISM")).as("%s: KAFKA_SASL_MECHANISM", where).isEqualTo("SCRAM-SHA-512");
            soft.assertThat(value(env, "KAFKA_SASL_USERNAME")).as("%s: KAFKA_SASL_USERNAME (the service's own KafkaUser)", where)
                    .isEqualTo(d.name());
            soft.assertThat(secretRef(env, "KAFKA_SASL_PASSWORD"))
                    .as("%s: KAFKA_SASL_PASSWORD secretKeyRef (the Strimzi user secret)", where).isEqualTo(d.name() + "/password");
            String bootstrap = Objects.toString(value(env, "KAFKA_BOOTSTRAP_SERVERS"), "");
            Set<Integer> ports = Stream.of(bootstrap.split(",")).filter(s -> s.contains(":"))
                    .map(s -> Integer.parseInt(s.substring(s.lastIndexOf(':') + 1).trim())).collect(Collectors.toSet());
            soft.assertThat(ports).as("%s: the ports of KAFKA_BOOTSTRAP_SERVERS %s (TLS listener ports %s)", where, bootstrap, tlsPorts)
                    .isNotEmpty().isSubsetOf(tlsPorts);
            soft.assertThat(value(env, "KAFKA_SSL_TRUSTSTORE_TYPE")).as("%s: KAFKA_SSL_TRUSTSTORE_TYPE", where).isEqualTo("PEM");
            String truststore = Objects.toString(value(env, "KAFKA_SSL_TRUSTSTORE_LOCATION"), "");
            soft.assertThat(truststore).as("%s: KAFKA_SSL_TRUSTSTORE_LOCATION", where).isNotBlank();
            soft.assertThat(secretMountedAt(d, truststore))
                    .as("%s: the Secret mounted (read-only) where KAFKA_SSL_TRUSTSTORE_LOCATION %s points", where, truststore)
                    .contains(caSecret);
        }
        soft.assertAll();
    }

    /** The Secret of the read-only volume mounted at a directory holding {@code file}, if any. */
    private static Optional<String> secretMountedAt(Doc d, String file) {
        Map<String, Object> pod = map(at(d.body(), "spec", "template", "spec"));
        for (Map<String, Object> c : containers(d)) {
            for (Map<String, Object> m : maps(c.get("volumeMounts"))) {
                String path = str(m.get("mountPath"));
                if (path != null && !file.isEmpty() && file.startsWith(path.endsWith("/") ? path : path + "/")
                        && Boolean.TRUE.equals(m.get("readOnly"))) {
                    Optional<String> secret = maps(pod.get("volumes")).stream().filter(v -> Objects.equals(v.get("name"), m.get("name")))
                            .map(v -> str(at(v, "secret", "secretName"))).filter(Objects::nonNull).findFirst();
                    if (secret.isPresent()) {
                        return secret;
                    }
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ Kafka

    @Test
    void kafkaHasOnlyTlsScramListenersAndAuthorizes() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(kafkaClusters()).as("Kafka CRs in %s", dir).hasSize(1);
        for (Doc k : kafkaClusters()) {
            List<Map<String, Object>> listeners = maps(at(k.body(), "spec", "kafka", "listeners"));
            soft.assertThat(listeners).as("%s: spec.kafka.listeners", k.where()).isNotEmpty();
            for (Map<String, Object> l : listeners) {
                String where = k.where() + " listener " + l.get("name") + " (port " + l.get("port") + ")";
                soft.assertThat(l.get("tls")).as("%s: tls", where).isEqualTo(Boolean.TRUE);
                soft.assertThat(at(l, "authentication", "type")).as("%s: authentication.type", where).isEqualTo("scram-sha-512");
            }
            soft.assertThat(at(k.body(), "spec", "kafka", "authorization", "type")).as("%s: spec.kafka.authorization.type", k.where())
                    .isEqualTo("simple");
            soft.assertThat(map(at(k.body(), "spec", "entityOperator")))
                    .as("%s: spec.entityOperator.userOperator (it turns the KafkaUsers into credentials and ACLs)", k.where())
                    .containsKey("userOperator");
        }
        soft.assertAll();
    }

    @Test
    void kafkaUsersHaveExactlyTheGrantsOfKafkaAccess() {
        SoftAssertions soft = new SoftAssertions();
        String cluster = kafkaClusters().stream().findFirst().map(Doc::name).orElse("<no Kafka CR>");
        List<Doc> users = ofKind("KafkaUser");
        soft.assertThat(users.stream().map(Doc::name).toList()).as("the KafkaUsers of %s (KafkaAccess.USERS)", dir)
                .containsExactlyInAnyOrderElementsOf(KafkaAccess.USERS);
        Set<String> actual = new TreeSet<>();
        for (Doc u : users) {
            soft.assertThat(str(u.body().get("apiVersion"))).as("%s: apiVersion", u.where()).isEqualTo("kafka.strimzi.io/v1beta2");
            soft.assertThat(at(u.body(), "metadata", "labels", "strimzi.io/cluster")).as("%s: label strimzi.io/cluster", u.where())
                    .isEqualTo(cluster);
            soft.assertThat(at(u.body(), "spec", "authentication", "type")).as("%s: spec.authentication.type", u.where())
                    .isEqualTo("scram-sha-512");
            soft.assertThat(at(u.body(), "spec", "authorization", "type")).as("%s: spec.authorization.type", u.where())
                    .isEqualTo("simple");
            for (Map<String, Object> acl : maps(at(u.body(), "spec", "authorization", "acls"))) {
                soft.assertThat(Optional.ofNullable(str(acl.get("type"))).orElse("allow")).as("%s: acl %s type", u.where(), acl)
                        .isEqualTo("allow");
                soft.assertThat(Optional.ofNullable(str(acl.get("host"))).orElse("*")).as("%s: acl %s host", u.where(), acl)
                        .isEqualTo("*");
                List<String> ops = new ArrayList<>(strings(acl.get("operations")));
                if (acl.get("operation") != null) {
                    ops.add(str(acl.get("operation"))); // the deprecated single form
                }
                soft.assertThat(ops).as("%s: acl %s operations", u.where(), acl).isNotEmpty();
                for (String op : ops) {
                    actual.add(String.join(" ", u.name(), str(at(acl, "resource", "type")), str(at(acl, "resource", "name")),
                            Optional.ofNullable(str(at(acl, "resource", "patternType"))).orElse("literal"), op));
                }
            }
        }
        Set<String> expected = KafkaAccess.GRANTS.stream()
                .map(g -> String.join(" ", g.user(), g.resource() == KafkaAccess.Resource.TOPIC ? "topic" : "group", g.name(),
                        g.prefixed() ? "prefix" : "literal", g.operation() == KafkaAccess.Operation.READ ? "Read" : "Write"))
                .collect(Collectors.toCollection(TreeSet::new));
        soft.assertThat(actual).as("the KafkaUser ACLs of %s (\"user type name pattern operation\") against KafkaAccess.GRANTS", dir)
                .containsExactlyInAnyOrderElementsOf(expected);
        soft.assertAll();
    }

    @Test
    void everyPlatformTopicIsAKafkaTopic() {
        SoftAssertions soft = new SoftAssertions();
        String cluster = kafkaClusters().stream().findFirst().map(Doc::name).orElse("<no Kafka CR>");
        Map<String, Doc> topics = new HashMap<>();
        for (Doc t : ofKind("KafkaTopic")) {
            topics.put(Optional.ofNullable(str(at(t.body(), "spec", "topicName"))).orElse(t.name()), t);
            soft.assertThat(at(t.body(), "metadata", "labels", "strimzi.io/cluster")).as("%s: label strimzi.io/cluster", t.where())
                    .isEqualTo(cluster);
            soft.assertThat(at(t.body(), "spec", "replicas")).as("%s: spec.replicas", t.where()).isEqualTo(3);
            soft.assertThat(at(t.body(), "spec", "partitions")).as("%s: spec.partitions", t.where()).isNotNull();
        }
        for (PlatformTopics.Topic topic : PlatformTopics.ALL) {
            Doc t = topics.get(topic.name());
            soft.assertThat(t).as("a KafkaTopic for PlatformTopics' %s in %s", topic.name(), dir).isNotNull();
            if (t != null && topic.configs().containsKey("cleanup.policy")) {
                soft.assertThat(str(at(t.body(), "spec", "config", "cleanup.policy"))).as("%s: spec.config.cleanup.policy", t.where())
                        .isEqualTo(topic.configs().get("cleanup.policy"));
            }
        }
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------------ PostgreSQL

    @Test
    void everyDatabaseRoleHasItsOwnPassword() {
        SoftAssertions soft = new SoftAssertions();
        List<Doc> clusters = ofKind("Cluster").stream().filter(c -> str(c.body().get("apiVersion")).startsWith("postgresql.cnpg.io/"))
                .toList();
        soft.assertThat(clusters).as("CloudNativePG Clusters in %s", dir).hasSize(1);
        Map<String, String> roleSecrets = new HashMap<>(); // role -> the Secret with its password
        Map<String, String> databaseOwners = new HashMap<>();
        String clusterName = null;
        for (Doc c : clusters) {
            clusterName = c.name();
            Map<String, Object> initdb = map(at(c.body(), "spec", "bootstrap", "initdb"));
            for (Map<String, Object> role : maps(at(c.body(), "spec", "managed", "roles"))) {
                String where = c.where() + " managed role " + role.get("name");
                String secret = str(at(role, "passwordSecret", "name"));
                soft.assertThat(secret).as("%s: passwordSecret.name", where).isNotBlank();
                soft.assertThat(role.get("disablePassword")).as("%s: disablePassword", where).isNotEqualTo(Boolean.TRUE);
                if (!"absent".equals(role.get("ensure")) && secret != null) {
                    roleSecrets.put(str(role.get("name")), secret);
                }
            }
            if (initdb.get("owner") != null) {
                String secret = str(at(initdb, "secret", "name"));
                soft.assertThat(secret).as("%s: bootstrap.initdb.secret.name (the password of owner %s)", c.where(), initdb.get("owner"))
                        .isNotBlank();
                if (secret != null) {
                    String managed = roleSecrets.putIfAbsent(str(initdb.get("owner")), secret);
                    soft.assertThat(Optional.ofNullable(managed).orElse(secret))
                            .as("%s: the Secret of %s in initdb and in managed.roles", c.where(), initdb.get("owner")).isEqualTo(secret);
                }
                databaseOwners.put(str(initdb.get("database")), str(initdb.get("owner")));
            }
            for (String sql : List.of("postInitSQL", "postInitApplicationSQL", "postInitTemplateSQL")) {
                for (String statement : strings(initdb.get(sql))) {
                    soft.assertThat(statement.toLowerCase(Locale.ROOT))
                            .as("%s: bootstrap.initdb.%s creates a role (without a password; declare it in managed.roles)", c.where(), sql)
                            .doesNotContainPattern("create\\s+(role|user)");
                }
            }
        }
        for (Doc db : ofKind("Database")) {
            if (Objects.equals(at(db.body(), "spec", "cluster", "name"), clusterName)) {
                databaseOwners.put(str(at(db.body(), "spec", "name")), str(at(db.body(), "spec", "owner")));
            }
        }
        Map<String, String> passwordSecretOf = new LinkedHashMap<>();
        for (Doc d : deployments()) {
            Map<String, Map<String, Object>> env = env(d);
            String user = str(value(env, "DB_USER"));
            if (user == null) {
                soft.assertThat(env).as("%s: DB_PASSWORD without DB_USER", d.where()).doesNotContainKey("DB_PASSWORD");
                continue;
            }
            String ref = secretRef(env, "DB_PASSWORD");
            soft.assertThat(ref).as("%s: DB_PASSWORD secretKeyRef", d.where()).isNotNull();
            String secret = ref == null ? null : ref.substring(0, ref.indexOf('/'));
            soft.assertThat(roleSecrets).as("%s: DB_USER %s is a role of the CloudNativePG Cluster with a password", d.where(), user)
                    .containsKey(user);
            soft.assertThat(secret).as("%s: DB_PASSWORD comes from the Secret of role %s", d.where(), user)
                    .isEqualTo(roleSecrets.get(user));
            soft.assertThat(ref).as("%s: DB_PASSWORD key", d.where()).endsWith("/password");
            String database = str(value(env, "DB_NAME"));
            soft.assertThat(databaseOwners.get(database)).as("%s: the owner of its database %s", d.where(), database).isEqualTo(user);
            soft.assertThat(str(value(env, "PG_HOST"))).as("%s: PG_HOST", d.where()).startsWith(clusterName + "-rw");
            passwordSecretOf.put(d.name(), secret);
        }
        soft.assertThat(new LinkedHashSet<>(passwordSecretOf.values()))
                .as("the DB_PASSWORD Secrets of the Deployments (one per service): %s", passwordSecretOf).hasSameSizeAs(passwordSecretOf.values());
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------------ network

    @Test
    void theNamespaceDeniesByDefault() {
        SoftAssertions soft = new SoftAssertions();
        List<Doc> denies = policies().stream().filter(p -> selectsEverything(map(at(p.body(), "spec", "podSelector")))
                && strings(at(p.body(), "spec", "policyTypes")).containsAll(List.of("Ingress", "Egress"))
                && maps(at(p.body(), "spec", "ingress")).isEmpty() && maps(at(p.body(), "spec", "egress")).isEmpty()).toList();
        soft.assertThat(denies).as("a default-deny NetworkPolicy (podSelector {}, policyTypes [Ingress, Egress], no rules) in %s", dir)
                .isNotEmpty();
        // a pod nobody declared reaches nothing and is reached by nothing
        Endpoint stranger = new Endpoint(NAMESPACE, Map.of("app", "stranger"), null);
        for (Doc d : deployments()) {
            Endpoint service = endpoint(d);
            soft.assertThat(connects(stranger, service, 8080, "TCP")).as("NetworkPolicies: an unknown pod -> %s:8080", d.name()).isFalse();
            soft.assertThat(connects(service, stranger, 8080, "TCP")).as("NetworkPolicies: %s -> an unknown pod:8080", d.name()).isFalse();
        }
        soft.assertAll();
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideTheNamespace() {
        SoftAssertions soft = new SoftAssertions();
        Set<String> gateway = Set.of(KafkaAccess.API_GATEWAY);
        for (Doc p : policies()) {
            for (Map<String, Object> rule : maps(at(p.body(), "spec", "ingress"))) {
                if (admitsOutsiders(rule) && portsCover(rule, 8080, "TCP")) {
                    soft.assertThat(selectedDeployments(map(at(p.body(), "spec", "podSelector"))))
                            .as("%s: ingress rule %s admits traffic from outside namespace %s on 8080 to", p.where(), rule, NAMESPACE)
                            .isEqualTo(gateway);
                }
            }
        }
        Endpoint controller = new Endpoint("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), null);
        Endpoint monitoring = new Endpoint("monitoring", Map.of("app.kubernetes.io/name", "prometheus"), null);
        for (Doc d : deployments()) {
            boolean isGateway = d.name().equals(KafkaAccess.API_GATEWAY);
            soft.assertThat(connects(controller, endpoint(d), 8080, "TCP")).as("NetworkPolicies: the ingress controller -> %s:8080", d.name())
                    .isEqualTo(isGateway);
            if (isGateway) {
                soft.assertThat(connects(monitoring, endpoint(d), 9000, "TCP"))
                        .as("NetworkPolicies: monitoring -> %s:9000 (management)", d.name()).isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void servicesReachOnlyWhatTheyNeed() {
        SoftAssertions soft = new SoftAssertions();
        Endpoint broker = new Endpoint(NAMESPACE, Map.of("strimzi.io/cluster", "truffle", "strimzi.io/kind", "Kafka"), null);
        Endpoint database = new Endpoint(NAMESPACE, Map.of("cnpg.io/cluster", "truffle-pg", "cnpg.io/instanceRole", "primary"), null);
        Endpoint dns = new Endpoint("kube-system", Map.of("k8s-app", "kube-dns"), null);
        Endpoint publicHost = new Endpoint(null, Map.of(), "203.0.113.10");
        Endpoint privateHost = new Endpoint(null, Map.of(), "10.1.2.3");
        Endpoint metadata = new Endpoint(null, Map.of(), "169.254.169.254");
        List<Doc> deployments = deployments();
        for (Doc to : deployments) {
            Set<String> expected = CALLERS_ON_8080.getOrDefault(to.name(), Set.of());
            for (Doc from : deployments) {
                soft.assertThat(connects(endpoint(from), endpoint(to), 8080, "TCP"))
                        .as("NetworkPolicies: %s -> %s:8080", from.name(), to.name()).isEqualTo(expected.contains(from.name()));
            }
        }
        for (Doc d : deployments) {
            Endpoint me = endpoint(d);
            boolean hasDatabase = env(d).containsKey("DB_USER");
            soft.assertThat(connects(me, dns, 53, "UDP")).as("NetworkPolicies: %s -> kube-dns:53/UDP", d.name()).isTrue();
            soft.assertThat(connects(me, broker, 9093, "TCP")).as("NetworkPolicies: %s -> Kafka:9093", d.name()).isTrue();
            soft.assertThat(connects(me, database, 5432, "TCP")).as("NetworkPolicies: %s -> PostgreSQL:5432", d.name())
                    .isEqualTo(hasDatabase);
            for (int port : List.of(443, 587, 80)) {
                soft.assertThat(connects(me, publicHost, port, "TCP")).as("NetworkPolicies: %s -> a public address:%d", d.name(), port)
                        .isEqualTo(PUBLIC_EGRESS.getOrDefault(d.name(), Set.of()).contains(port));
            }
            soft.assertThat(connects(me, privateHost, 443, "TCP")).as("NetworkPolicies: %s -> a private address:443", d.name()).isFalse();
            soft.assertThat(connects(me, metadata, 443, "TCP") || connects(me, metadata, 80, "TCP"))
                    .as("NetworkPolicies: %s -> the cloud metadata address", d.name()).isFalse();
        }
        soft.assertAll();
    }

    // ------------------------------------------------------------------------------------------------ Ingress

    @Test
    void ingressIsHttpsOnly() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(ofKind("Ingress")).as("Ingresses in %s", dir).isNotEmpty();
        for (Doc i : ofKind("Ingress")) {
            Map<String, Object> annotations = map(at(i.body(), "metadata", "annotations"));
            for (String a : List.of("nginx.ingress.kubernetes.io/ssl-redirect", "nginx.ingress.kubernetes.io/force-ssl-redirect")) {
                soft.assertThat(annotations.get(a)).as("%s: annotation %s", i.where(), a).isEqualTo("true");
            }
            List<Map<String, Object>> tls = maps(at(i.body(), "spec", "tls"));
            soft.assertThat(tls).as("%s: spec.tls", i.where()).isNotEmpty();
            for (Map<String, Object> t : tls) {
                soft.assertThat(str(t.get("secretName"))).as("%s: spec.tls %s secretName", i.where(), t.get("hosts")).isNotBlank();
            }
            List<String> tlsHosts = tls.stream().flatMap(t -> strings(t.get("hosts")).stream()).toList();
            List<Map<String, Object>> rules = maps(at(i.body(), "spec", "rules"));
            soft.assertThat(rules).as("%s: spec.rules", i.where()).isNotEmpty();
            for (Map<String, Object> rule : rules) {
                String host = str(rule.get("host"));
                soft.assertThat(host).as("%s: a rule without host (TLS cannot cover it)", i.where()).isNotBlank();
                if (host != null) {
                    soft.assertThat(tlsHosts.stream().anyMatch(h -> hostMatches(h, host))).as("%s: spec.tls %s covers host %s", i.where(),
                            tlsHosts, host).isTrue();
                }
                for (Map<String, Object> path : maps(at(rule, "http", "paths"))) {
                    soft.assertThat(at(path, "backend", "service", "name")).as("%s: the backend of %s%s", i.where(), host, path.get("path"))
                            .isEqualTo(KafkaAccess.API_GATEWAY);
                }
            }
        }
        soft.assertAll();
    }

    static boolean hostMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            String rest = host.substring(host.indexOf('.') + 1);
            return host.indexOf('.') > 0 && rest.equals(pattern.substring(2));
        }
        return pattern.equals(host);
    }

    // ================================================================================================ NetworkPolicy model

    /** A pod (namespace and labels) or, with {@code ip}, an address outside the cluster. */
    record Endpoint(String namespace, Map<String, String> labels, String ip) {
        Map<String, String> namespaceLabels() {
            return namespace == null ? Map.of() : Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    static Endpoint endpoint(Doc deployment) {
        Map<String, String> labels = new HashMap<>();
        map(at(deployment.body(), "spec", "template", "metadata", "labels")).forEach((k, v) -> labels.put(k, str(v)));
        return new Endpoint(NAMESPACE, labels, null);
    }

    /** Whether the policies of the namespace let {@code from} open a connection to {@code to}:port (both ends' policies). */
    static boolean connects(Endpoint from, Endpoint to, int port, String protocol) {
        return allows(from, to, port, protocol, "Egress") && allows(to, from, port, protocol, "Ingress");
    }

    /**
     * Whether the policies that select {@code pod} (Ingress: from {@code peer}; Egress: to {@code peer}) allow the
     * traffic; a pod no policy of that type selects is not isolated. Only namespace {@value #NAMESPACE}'s policies are
     * in these manifests: anything else is taken as open.
     */
    static boolean allows(Endpoint pod, Endpoint peer, int port, String protocol, String type) {
        if (pod.ip() != null || !NAMESPACE.equals(pod.namespace())) {
            return true;
        }
        boolean isolated = false;
        for (Doc p : policies()) {
            Map<String, Object> spec = map(p.body().get("spec"));
            if (!matches(map(spec.get("podSelector")), pod.labels()) || !policyTypes(spec).contains(type)) {
                continue;
            }
            isolated = true;
            for (Map<String, Object> rule : maps(spec.get(type.equals("Ingress") ? "ingress" : "egress"))) {
                Object peers = rule.get(type.equals("Ingress") ? "from" : "to");
                boolean peerOk = maps(peers).isEmpty() || maps(peers).stream().anyMatch(x -> peerMatches(x, peer));
                if (peerOk && portsCover(rule, port, protocol)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    static List<String> policyTypes(Map<String, Object> spec) {
        List<String> declared = strings(spec.get("policyTypes"));
        if (!declared.isEmpty()) {
            return declared;
        }
        return spec.containsKey("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    static boolean peerMatches(Map<String, Object> peer, Endpoint e) {
        if (peer.containsKey("ipBlock")) {
            if (e.ip() == null) {
                return false; // pods are reached through pod and namespace selectors here
            }
            Map<String, Object> block = map(peer.get("ipBlock"));
            return inCidr(e.ip(), str(block.get("cidr"))) && strings(block.get("except")).stream().noneMatch(x -> inCidr(e.ip(), x));
        }
        if (e.ip() != null) {
            return false;
        }
        boolean namespaceOk = peer.containsKey("namespaceSelector") ? matches(map(peer.get("namespaceSelector")), e.namespaceLabels())
                : NAMESPACE.equals(e.namespace());
        boolean podOk = !peer.containsKey("podSelector") || matches(map(peer.get("podSelector")), e.labels());
        return namespaceOk && podOk;
    }

    static boolean portsCover(Map<String, Object> rule, int port, String protocol) {
        List<Map<String, Object>> ports = maps(rule.get("ports"));
        if (ports.isEmpty()) {
            return true;
        }
        for (Map<String, Object> p : ports) {
            if (!Optional.ofNullable(str(p.get("protocol"))).orElse("TCP").equals(protocol)) {
                continue;
            }
            Object n = p.get("port");
            if (n == null) {
                return true;
            }
            if (n instanceof Number number) {
                int from = number.intValue();
                int to = p.get("endPort") instanceof Number end ? end.intValue() : from;
                if (port >= from && port <= to) {
                    return true;
                }
            } else if (!(n instanceof String)) {
                return true; // unknown shape: count it as covering
            } else if (n.equals("http") && port == 8080) {
                return true; // the services' named port
            }
        }
        return false;
    }

    /** An ingress rule that lets in traffic from outside the namespace: any source, another namespace, or an address. */
    static boolean admitsOutsiders(Map<String, Object> rule) {
        List<Map<String, Object>> from = maps(rule.get("from"));
        if (from.isEmpty()) {
            return true;
        }
        return from.stream().anyMatch(peer -> peer.containsKey("ipBlock")
                || peer.containsKey("namespaceSelector") && !Map.of("kubernetes.io/metadata.name", NAMESPACE)
                        .equals(map(map(peer.get("namespaceSelector")).get("matchLabels"))));
    }

    /** The Deployments a pod selector picks. */
    static Set<String> selectedDeployments(Map<String, Object> selector) {
        return deployments().stream().filter(d -> matches(selector, endpoint(d).labels())).map(Doc::name).collect(Collectors.toSet());
    }

    static boolean selectsEverything(Map<String, Object> selector) {
        return maps(selector.get("matchExpressions")).isEmpty() && map(selector.get("matchLabels")).isEmpty();
    }

    /** A Kubernetes label selector against labels ({} selects everything). */
    static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
        for (Map.Entry<String, Object> e : map(selector.get("matchLabels")).entrySet()) {
            if (!Objects.equals(labels.get(e.getKey()), str(e.getValue()))) {
                return false;
            }
        }
        for (Map<String, Object> x : maps(selector.get("matchExpressions"))) {
            String value = labels.get(str(x.get("key")));
            List<String> values = strings(x.get("values"));
            boolean ok = switch (str(x.get("operator"))) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String ip, String cidr) {
        if (cidr == null || ip.contains(":") || cidr.contains(":")) {
            return false; // IPv4 only
        }
        String[] parts = cidr.split("/");
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (ipv4(parts[0]) & mask);
    }

    static long ipv4(String ip) {
        long v = 0;
        for (String octet : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(octet);
        }
        return v;
    }

    // ================================================================================================ helpers

    static List<Doc> ofKind(String kind) {
        return DOCS.stream().filter(d -> kind.equals(d.kind())).toList();
    }

    static List<Doc> deployments() {
        return ofKind("Deployment");
    }

    static List<Doc> policies() {
        return DOCS.stream().filter(d -> "NetworkPolicy".equals(d.kind()) && "networking.k8s.io/v1".equals(d.body().get("apiVersion")))
                .toList();
    }

    static List<Doc> kafkaClusters() {
        return ofKind("Kafka").stream().filter(k -> str(k.body().get("apiVersion")).startsWith("kafka.strimzi.io/")).toList();
    }

    static List<Map<String, Object>> containers(Doc d) {
        Map<String, Object> pod = map(at(d.body(), "spec", "template", "spec"));
        List<Map<String, Object>> all = new ArrayList<>(maps(pod.get("containers")));
        all.addAll(maps(pod.get("initContainers")));
        return all;
    }

    /** The env of a Deployment's first (application) container, by name. */
    static Map<String, Map<String, Object>> env(Doc d) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        maps(at(d.body(), "spec", "template", "spec", "containers")).stream().findFirst()
                .ifPresent(c -> maps(c.get("env")).forEach(e -> env.put(str(e.get("name")), e)));
        return env;
    }

    static Object value(Map<String, Map<String, Object>> env, String name) {
        Map<String, Object> e = env.get(name);
        return e == null || e.get("value") == null ? null : str(e.get("value"));
    }

    /** {@code secret/key} of a secretKeyRef env var, or null. */
    static String secretRef(Map<String, Map<String, Object>> env, String name) {
        Map<String, Object> ref = map(at(env.get(name), "valueFrom", "secretKeyRef"));
        return ref.get("name") == null ? null : ref.get("name") + "/" + ref.get("key");
    }

    static Object at(Object node, String... path) {
        Object o = node;
        for (String p : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(p);
        }
        return o;
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    static List<Map<String, Object>> maps(Object o) {
        if (!(o instanceof Collection<?> c)) {
            return List.of();
        }
        return c.stream().filter(Map.class::isInstance).map(x -> cast((Map<?, ?>) x)).toList();
    }

    static List<String> strings(Object o) {
        if (!(o instanceof Collection<?> c)) {
            return List.of();
        }
        return c.stream().map(KubernetesManifestsTest::str).toList();
    }
}
