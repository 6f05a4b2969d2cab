package com.truffle.deploy.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import com.truffle.deploy.kafka.EmbeddedKafkaBroker;
import com.truffle.deploy.stack.LocalStack.Service;

/**
 * The five services and what each is given to run: its port and database role, the JVM options of its process, and
 * its environment contract as data, a list of variables per service, each with how its value is read from the
 * running stack's {@link Wiring}.
 *
 * <p>Environment of every service: {@code PORT} (and {@code MANAGEMENT_PORT} for the gateway, whose health and
 * metrics are never on its public port), {@code PG_HOST, PG_PORT, DB_USER, DB_PASSWORD, DB_NAME} (the last
 * three not for the gateway, which has no database), {@code KAFKA_BOOTSTRAP_SERVERS} (with the in-process broker
 * also {@code KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD}),
 * {@code TRUFFLE_INTERNAL_JWT_PUBLIC_KEY_LOCATION, QUARKUS_PROFILE=prod}; plus, for api-gateway
 * {@code TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION, TRUFFLE_IDP_JWKS_URL, TRUFFLE_IDP_ISSUER, TRUFFLE_SESSION_SECRET,
 * TRUFFLE_PUBLIC_URL, TRUFFLE_KEY_PEPPER, KEY_SERVICE_URL, ACCESS_SERVICE_URL, SCREENING_SERVICE_URL,
 * ASHBY_CONNECTOR_URL}; key-service {@code TRUFFLE_KEY_PEPPER, ACCESS_SERVICE_URL}; screening-service
 * {@code SMTP_HOST, SMTP_PORT, TRUFFLE_PUBLIC_URL, TRUFFLE_SCREENING_ENCRYPTION_KEY,
 * TRUFFLE_SCREENING_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true, TRUFFLE_SCREENING_WEBHOOKS_REQUIRE_HTTPS=false,
 * SMTP_START_TLS=OPTIONAL}; ashby-connector-service {@code ASHBY_BASE_URL, TRUFFLE_ASHBY_ENCRYPTION_KEY,
 * KEY_SERVICE_URL, TRUFFLE_PUBLIC_URL}.
 */
final class ServiceCatalogue {

    static final String API_GATEWAY = "api-gateway";
    static final String KEY_SERVICE = "key-service";
    static final String ACCESS_REQUEST_SERVICE = "access-request-service";
    static final String SCREENING_SERVICE = "screening-service";
    static final String ASHBY_CONNECTOR_SERVICE = "ashby-connector-service";

    static final List<Service> SERVICES = List.of(
            new Service(API_GATEWAY, 8080, 9000, null),
            new Service(KEY_SERVICE, 8081, 0, "truffle_keys"),
            new Service(ACCESS_REQUEST_SERVICE, 8082, 0, "truffle_access"),
            new Service(SCREENING_SERVICE, 8083, 0, "truffle_screening"),
            new Service(ASHBY_CONNECTOR_SERVICE, 8084, 0, "truffle_ashby"));

    /** The five modules, gateway first. */
    static final List<String> MODULES = SERVICES.stream().map(Service::module).toList();

    /** The JVM options of each service process: five of them must fit a small laptop or CI machine. */
    static final List<String> DEFAULT_SERVICE_JVM_OPTIONS =
            List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Every variable of the contract: removed from what a child inherits before its own values are set. */
    static final Set<String> CONTRACT_VARIABLES = Set.of("PORT", "MANAGEMENT_PORT", "PG_HOST", "PG_PORT", "DB_USER",
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

    /** The running stack's parts, which the variables' values are read from. */
    record Wiring(StackPorts ports, Infrastructure infrastructure, Fakes fakes, StackSecrets secrets,
                  String databaseSuffix) {
    }

    /** How one variable's value is read for a service; null: the variable is not set for it. */
    @FunctionalInterface
    private interface Value {
        String of(Service service, Wiring wiring);
    }

    private record Variable(String name, Value value) {
    }

    private static Variable variable(String name, Value value) {
        return new Variable(name, value);
    }

    private static Variable constant(String name, String value) {
        return new Variable(name, (s, w) -> value);
    }

    private static Variable urlOf(String name, String module) {
        return new Variable(name, (s, w) -> w.ports().url(module));
    }

    /** Set only when the stack's broker requires logins (SASL/SCRAM, one user per service). */
    private static Variable kafkaLogin(String name, Value value) {
        return new Variable(name, (s, w) -> w.infrastructure().kafkaSecured() ? value.of(s, w) : null);
    }

    private static final Variable PUBLIC_URL = urlOf("TRUFFLE_PUBLIC_URL", API_GATEWAY);
    private static final Variable KEY_SERVICE_URL = urlOf("KEY_SERVICE_URL", KEY_SERVICE);
    private static final Variable ACCESS_SERVICE_URL = urlOf("ACCESS_SERVICE_URL", ACCESS_REQUEST_SERVICE);
    private static final Variable KEY_PEPPER = variable("TRUFFLE_KEY_PEPPER", (s, w) -> w.secrets().keyPepper());

    /** Every service's variables, in this order. */
    private static final List<Variable> COMMON = List.of(
            variable("PORT", (s, w) -> String.valueOf(w.ports().port(s.module()))),
            variable("MANAGEMENT_PORT", (s, w) -> Objects.toString(w.ports().managementPort(s.module()), null)),
            variable("PG_HOST", (s, w) -> w.infrastructure().postgresHost()),
            variable("PG_PORT", (s, w) -> String.valueOf(w.infrastructure().postgresPort())),
            // role null (the gateway): no database, so none of the three
            variable("DB_USER", (s, w) -> s.role()),
            variable("DB_PASSWORD", (s, w) -> s.role()),
            variable("DB_NAME", (s, w) -> s.hasDatabase() ? databaseName(s, w.databaseSuffix()) : null),
            variable("KAFKA_BOOTSTRAP_SERVERS", (s, w) -> w.infrastructure().kafkaBootstrapServers()),
            kafkaLogin("KAFKA_SECURITY_PROTOCOL", (s, w) -> "SASL_PLAINTEXT"),
            kafkaLogin("KAFKA_SASL_MECHANISM", (s, w) -> EmbeddedKafkaBroker.SCRAM),
            kafkaLogin("KAFKA_SASL_USERNAME", (s, w) -> s.module()),
            kafkaLogin("KAFKA_SASL_PASSWORD", (s, w) -> w.secrets().kafkaPassword(s.module())),
            variable("TRUFFLE_INTERNAL_JWT_PUBLIC_KEY_LOCATION", (s, w) -> w.secrets().internalJwtPublicKey().toString()),
            constant("QUARKUS_PROFILE", "prod"));

    /** Each service's own variables, after the common ones. */
    private static final Map<String, List<Variable>> OWN = Map.of(
            API_GATEWAY, List.of(
                    variable("TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION",
                            (s, w) -> w.secrets().internalJwtPrivateKey().toString()),
                    variable("TRUFFLE_IDP_JWKS_URL", (s, w) -> w.fakes().identityProvider().jwksUrl()),
                    variable("TRUFFLE_IDP_ISSUER", (s, w) -> w.fakes().identityProvider().issuer()),
                    variable("TRUFFLE_SESSION_SECRET", (s, w) -> w.secrets().sessionSecret()),
                    PUBLIC_URL,
                    KEY_PEPPER,
                    KEY_SERVICE_URL,
                    ACCESS_SERVICE_URL,
                    urlOf("SCREENING_SERVICE_URL", SCREENING_SERVICE),
                    urlOf("ASHBY_CONNECTOR_URL", ASHBY_CONNECTOR_SERVICE)),
            KEY_SERVICE, List.of(
                    KEY_PEPPER,
                    ACCESS_SERVICE_URL),
            // the common variables only
            ACCESS_REQUEST_SERVICE, List.of(),
            SCREENING_SERVICE, List.of(
                    variable("SMTP_HOST", (s, w) -> w.fakes().smtpHost()),
                    variable("SMTP_PORT", (s, w) -> String.valueOf(w.fakes().smtpPort())),
                    PUBLIC_URL,
                    variable("TRUFFLE_SCREENING_ENCRYPTION_KEY", (s, w) -> w.secrets().screeningEncryptionKey()),
                    // a local stack's webhook receivers are on this machine; production refuses non-public targets
                    constant("TRUFFLE_SCREENING_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"),
                    // the local receivers are http and the SMTP catcher offers no TLS: production requires both
                    constant("TRUFFLE_SCREENING_WEBHOOKS_REQUIRE_HTTPS", "false"),
                    constant("SMTP_START_TLS", "OPTIONAL")),
            ASHBY_CONNECTOR_SERVICE, List.of(
                    variable("ASHBY_BASE_URL", (s, w) -> w.fakes().ashbyBaseUrl()),
                    variable("TRUFFLE_ASHBY_ENCRYPTION_KEY", (s, w) -> w.secrets().ashbyEncryptionKey()),
                    KEY_SERVICE_URL,
                    PUBLIC_URL));

    private ServiceCatalogue() {
    }

    static Service service(String module) {
        for (Service s : SERVICES) {
            if (s.module().equals(module)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown module " + module + "; one of " + MODULES);
    }

    /** The database role (= password) of a service; fails for the gateway, which has none. */
    static String databaseUser(Service s) {
        if (!s.hasDatabase()) {
            throw new IllegalArgumentException(s.module() + " has no database");
        }
        return s.role();
    }

    /** The database of a service: its role and the stack's suffix (null: none). */
    static String databaseName(Service s, String suffix) {
        return databaseUser(s) + (suffix == null ? "" : suffix);
    }

    /** The environment contract of one service, as its jar is started with it. */
    static Map<String, String> environment(Service s, Wiring wiring) {
        Map<String, String> env = new LinkedHashMap<>();
        Stream.concat(COMMON.stream(), OWN.get(s.module()).stream()).forEach(v -> {
            String value = v.value().of(s, wiring);
            if (value != null) {
                env.put(v.name(), value);
            }
        });
        return env;
    }

    /**
     * Writes the contract's environment of a module run in quarkus:dev to {@code file} ({@code export NAME='value'}
     * lines, readable by its owner only): the same variables as its jar would get, but the dev profile instead of
     * prod, and the addresses as the %dev settings read them (Dev Services off: the stack's PostgreSQL and broker
     * instead).
     */
    static void writeDevelopmentEnvironment(Service s, Wiring wiring, Path file) throws IOException {
        Map<String, String> env = environment(s, wiring);
        env.remove("QUARKUS_PROFILE");
        env.put("TRUFFLE_DEV_SERVICES", "false");
        env.put("TRUFFLE_DEV_KAFKA_BOOTSTRAP_SERVERS", wiring.infrastructure().kafkaBootstrapServers());
        if (s.hasDatabase()) {
            String address = wiring.infrastructure().postgresHost() + ":" + wiring.infrastructure().postgresPort()
                    + "/" + databaseName(s, wiring.databaseSuffix());
            env.put("TRUFFLE_DEV_PG_REACTIVE_URL", "postgresql://" + address);
            env.put("TRUFFLE_DEV_PG_JDBC_URL", "jdbc:postgresql://" + address);
        }
        StringBuilder b = new StringBuilder("# " + s.module() + " in quarkus:dev against the local stack (run.sh --dev)\n");
        env.forEach((k, v) -> b.append("export ").append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b.toString());
        StackSecrets.restrict(tmp, "rw-------");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
