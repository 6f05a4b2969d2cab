package com.truffle.deploy.stack;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.deploy.net.Ports;
import com.truffle.deploy.stack.support.FakeServiceJars;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole launcher against the real PostgreSQL and the in-process broker, with {@code FakeService} jars
 * standing in for the five Quarkus services: it checks the environment contract each service receives,
 * stopping and restarting one service, and that close() leaves no process, port or database behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path repo;
    static LocalStack stack;
    /** What the stack printed (it is also echoed to System.out). */
    static final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        FakeServiceJars.createAll(repo);
        PrintStream both = new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                printed.write(b);
                System.out.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        stack = LocalStack.forTests(repo).output(both).readinessTimeout(Duration.ofSeconds(30)).start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Map<String, String> envOf(String module) throws Exception {
        String body = given().baseUri(stack.serviceUrl(module)).get("/env").then().statusCode(200).extract().asString();
        return JSON.readValue(body, new TypeReference<Map<String, String>>() { });
    }

    @Test
    @Order(1)
    void everyServiceGetsTheEnvironmentContract() throws Exception {
        String kafka = stack.kafkaBootstrapServers();
        List<Integer> ports = new ArrayList<>();
        for (String module : LocalStack.MODULES) {
            Map<String, String> env = envOf(module);
            int port = Integer.parseInt(env.get("PORT"));
            ports.add(port);
            assertEquals(stack.serviceUrl(module), "http://127.0.0.1:" + port);
            assertEquals("prod", env.get("QUARKUS_PROFILE"));
            assertEquals(kafka, env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals(stack.postgresHost(), env.get("PG_HOST"));
            assertEquals(String.valueOf(stack.postgresPort()), env.get("PG_PORT"));
            assertTrue(Files.isRegularFile(Path.of(env.get("TRUFFLE_INTERNAL_JWT_PUBLIC_KEY_LOCATION"))), module);
            assertFalse(env.containsKey("PG_USER"), "the admin credentials stay with the launcher");
            assertFalse(env.containsKey("PG_PASSWORD"));
            if (module.equals(LocalStack.API_GATEWAY)) {
                int management = Integer.parseInt(env.get("MANAGEMENT_PORT"));
                ports.add(management);
                assertEquals(stack.managementUrl(module), "http://127.0.0.1:" + management);
            } else {
                assertFalse(env.containsKey("MANAGEMENT_PORT"), module + " serves health on its own port");
                assertEquals(stack.serviceUrl(module), stack.managementUrl(module));
                String db = stack.databaseName(module);
                assertTrue(db.matches("truffle_[a-z]+_it_[a-z0-9]{8}"), db);
                assertEquals(stack.databaseUser(module), env.get("DB_USER"));
                assertEquals(env.get("DB_USER"), env.get("DB_PASSWORD"));
                assertEquals(db, env.get("DB_NAME"));
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + env.get("PG_HOST") + ":"
                        + env.get("PG_PORT") + "/" + db, env.get("DB_USER"), env.get("DB_PASSWORD"))) {
                    assertTrue(c.isValid(2), "the service can log in to its own database " + db);
                }
            }
        }
        assertEquals(6, ports.stream().distinct().count(), "five services and the gateway's management port, all distinct");
        assertEquals(List.of("truffle_keys", "truffle_access", "truffle_screening", "truffle_ashby"),
                LocalStack.MODULES.subList(1, 5).stream().map(stack::databaseUser).toList());

        Map<String, String> gateway = envOf(LocalStack.API_GATEWAY);
        assertFalse(gateway.containsKey("DB_NAME"), "the gateway has no database");
        assertEquals(stack.idpUrl() + "/.well-known/jwks.json", gateway.get("TRUFFLE_IDP_JWKS_URL"));
        // an OpenID provider's issuer is its URL: the gateway discovers its endpoints there for browser sign-in
        assertEquals(stack.idpUrl(), gateway.get("TRUFFLE_IDP_ISSUER"));
        assertEquals(stack.gatewayUrl(), gateway.get("TRUFFLE_PUBLIC_URL"));
        assertTrue(Base64.getDecoder().decode(gateway.get("TRUFFLE_SESSION_SECRET")).length >= 32);
        assertEquals(stack.serviceUrl(LocalStack.KEY_SERVICE), gateway.get("KEY_SERVICE_URL"));
        assertEquals(stack.serviceUrl(LocalStack.ACCESS_REQUEST_SERVICE), gateway.get("ACCESS_SERVICE_URL"));
        assertEquals(stack.serviceUrl(LocalStack.SCREENING_SERVICE), gateway.get("SCREENING_SERVICE_URL"));
        assertEquals(stack.serviceUrl(LocalStack.ASHBY_CONNECTOR_SERVICE), gateway.get("ASHBY_CONNECTOR_URL"));
        assertTrue(Base64.getDecoder().decode(gateway.get("TRUFFLE_KEY_PEPPER")).length >= 32);
        assertKeyPairMatches(Path.of(gateway.get("TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION")),
                Path.of(gateway.get("TRUFFLE_INTERNAL_JWT_PUBLIC_KEY_LOCATION")));

        Map<String, String> keys = envOf(LocalStack.KEY_SERVICE);
        assertEquals(gateway.get("TRUFFLE_KEY_PEPPER"), keys.get("TRUFFLE_KEY_PEPPER"), "one pepper");
        assertFalse(keys.containsKey("TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION"), "only the gateway signs");

        Map<String, String> screening = envOf(LocalStack.SCREENING_SERVICE);
        assertEquals("127.0.0.1", screening.get("SMTP_HOST"));
        assertEquals(String.valueOf(stack.smtpCatcher().smtpPort()), screening.get("SMTP_PORT"));
        assertEquals(stack.gatewayUrl(), screening.get("TRUFFLE_PUBLIC_URL"));

        Map<String, String> connector = envOf(LocalStack.ASHBY_CONNECTOR_SERVICE);
        assertEquals(stack.ashbySandboxUrl(), connector.get("ASHBY_BASE_URL"));
        assertEquals(32, Base64.getDecoder().decode(connector.get("TRUFFLE_ASHBY_ENCRYPTION_KEY")).length);
        assertEquals(stack.serviceUrl(LocalStack.KEY_SERVICE), connector.get("KEY_SERVICE_URL"));
        assertEquals(stack.gatewayUrl(), connector.get("TRUFFLE_PUBLIC_URL"));
        assertNotEquals(connector.get("TRUFFLE_ASHBY_ENCRYPTION_KEY"), gateway.get("TRUFFLE_KEY_PEPPER"));

        assertTrue(Files.readString(stack.logFile(LocalStack.KEY_SERVICE)).contains("FakeService listening"));
    }

    private static void assertKeyPairMatches(Path privatePem, Path publicPem) throws Exception {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(
                StackSecrets.der(Files.readString(privatePem))));
        RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(
                StackSecrets.der(Files.readString(publicPem))));
        assertEquals(pub.getModulus(), priv.getModulus(), "the private key matches the public one");
    }

    @Test
    @Order(2)
    void mintTokenCallsTheIdp() throws Exception {
        String token = stack.mintToken("alice", "acme", List.of("company-admin"));
        JwtClaims claims = new JwtConsumerBuilder()
                .setExpectedIssuer(stack.idpIssuer())
                .setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(stack.idpUrl() + "/.well-known/jwks.json")))
                .build().processToClaims(token);
        assertEquals("acme", claims.getStringClaimValue("company_id"));
        String staff = stack.mintToken("sam", null, List.of("truffle-staff"));
        assertFalse(new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build().processToClaims(staff).hasClaim("company_id"));
        assertThrows(LocalStackException.class, () -> stack.mintToken(" ", null, List.of()));
    }

    @Test
    @Order(3)
    @Timeout(20)
    void aServiceCanBeStoppedAndStartedAgainOnTheSamePort() {
        String url = stack.serviceUrl(LocalStack.KEY_SERVICE);
        int port = stack.servicePort(LocalStack.KEY_SERVICE);
        long pid = stack.pid(LocalStack.KEY_SERVICE);

        stack.stopService(LocalStack.KEY_SERVICE);
        assertFalse(stack.isRunning(LocalStack.KEY_SERVICE));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(Ports.isFree(port));

        stack.startService(LocalStack.KEY_SERVICE);
        assertTrue(stack.isRunning(LocalStack.KEY_SERVICE));
        assertNotEquals(pid, stack.pid(LocalStack.KEY_SERVICE));
        assertEquals(url, stack.serviceUrl(LocalStack.KEY_SERVICE));
        given().baseUri(url).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(4)
    @Timeout(20)
    void aServiceThatDiesIsReportedAndCanBeStartedAgain() {
        long pid = stack.pid(LocalStack.ACCESS_REQUEST_SERVICE);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(5)).until(() -> printed.toString(StandardCharsets.UTF_8)
                .contains("!! access-request-service exited unexpectedly with code 137"));
        assertFalse(stack.isRunning(LocalStack.ACCESS_REQUEST_SERVICE));

        stack.startService(LocalStack.ACCESS_REQUEST_SERVICE);
        given().baseUri(stack.serviceUrl(LocalStack.ACCESS_REQUEST_SERVICE)).get("/q/health/ready")
                .then().statusCode(200);
    }

    @Test
    @Order(5)
    @Timeout(30)
    void closeLeavesNoProcessNoPortAndNoDatabase() throws Exception {
        List<ProcessHandle> processes = new ArrayList<>();
        Map<String, Integer> ports = new HashMap<>();
        for (String module : LocalStack.MODULES) {
            processes.add(ProcessHandle.of(stack.pid(module)).orElseThrow());
            ports.put(module, stack.servicePort(module));
        }
        ports.put("gateway management", URI.create(stack.managementUrl(LocalStack.API_GATEWAY)).getPort());
        ports.put("idp", URI.create(stack.idpUrl()).getPort());
        ports.put("ashby", URI.create(stack.ashbySandboxUrl()).getPort());
        ports.put("smtp", stack.smtpPort());
        ports.put("smtp-http", URI.create(stack.smtpHttpUrl()).getPort());
        ports.put("kafka", Integer.parseInt(stack.kafkaBootstrapServers().replaceAll(".*:", "")));
        List<String> databases = LocalStack.MODULES.subList(1, 5).stream().map(stack::databaseName).toList();
        DatabaseBootstrap admin = new DatabaseBootstrap(stack.postgresHost(), stack.postgresPort(), adminUser(), adminPassword());

        stack.close();

        processes.forEach(p -> assertFalse(p.isAlive(), "process " + p.pid() + " is gone"));
        ports.forEach((what, port) -> assertTrue(Ports.isFree(port), what + " port " + port + " is free"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (Connection c = admin.connect("postgres");
                 var rs = c.createStatement().executeQuery("select count(*) from pg_database where datname in ('"
                         + String.join("','", databases) + "')")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the test databases are dropped");
            }
        });
        assertFalse(Files.exists(stack.workDir().resolve("secrets")), "fresh secrets are thrown away");
        assertTrue(Files.exists(stack.logFile(LocalStack.API_GATEWAY)), "logs are kept");
        stack.close(); // idempotent
    }

    private static String adminUser() {
        String u = System.getenv("PG_USER");
        return u == null || u.isBlank() ? "postgres" : u;
    }

    private static String adminPassword() {
        String p = System.getenv("PG_PASSWORD");
        return p == null ? "" : p;
    }
}
