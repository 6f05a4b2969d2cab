package com.truffle.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.truffle.deploy.idp.DevIdentityProvider;
import com.truffle.platform.testing.TestInfrastructure;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.apikeys.SecretHasher;
import com.truffle.platform.testing.TestKeys;

/**
 * What the gateway runs against in its tests, once per test JVM: the real in-process Kafka broker, a test identity
 * provider (JWKS over HTTP), four fake services recording what reaches them (key-service's also answers the miss
 * lookups), a fresh pepper, and the test RSA key as the internal-JWT signing key. Every {@code @QuarkusTest} of
 * the module uses it, so they share one gateway.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PEPPER = fresh();
    private static TestIdentityProvider idp;
    private static DevIdentityProvider oidc;
    private static FakeKeyService keyService;
    private static FakeService accessService;
    private static FakeService screeningService;
    private static FakeService ashbyConnector;

    @Override
    public synchronized Map<String, String> start() {
        if (idp == null) {
            idp = new TestIdentityProvider().start();
            oidc = new DevIdentityProvider().start(0);
            keyService = new FakeKeyService(new FakeService("key-service").start());
            accessService = new FakeService("access-request-service").start();
            screeningService = new FakeService("screening-service").start();
            ashbyConnector = new FakeService("ashby-connector-service").start();
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers());
        config.put("truffle.gateway.upstreams.key-service", keyService.http().url());
        config.put("truffle.gateway.upstreams.access-service", accessService.url());
        config.put("truffle.gateway.upstreams.screening-service", screeningService.url());
        config.put("truffle.gateway.upstreams.ashby-connector", ashbyConnector.url());
        config.put("truffle.gateway.key-pepper", PEPPER);
        config.put("truffle.gateway.internal-jwt.private-key-location", privateKeyPem().toString());
        config.put("mp.jwt.verify.publickey.location", idp.jwksUrl());
        config.put("mp.jwt.verify.issuer", TestIdentityProvider.ISSUER);
        // people in browsers sign in at a real OpenID provider: the local stack's, on a free port
        config.put("truffle.gateway.oidc.issuer", oidc.issuer());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM, like the broker
    }

    public static SecretHasher hasher() {
        return SecretHasher.fromConfig(PEPPER);
    }

    /** key-service's signature on key-state records (the key is derived from the pepper the gateway is given). */
    public static KeyStateSignature keyStateSignature() {
        return new KeyStateSignature(hasher());
    }

    public static TestIdentityProvider idp() {
        return idp;
    }

    /** The OpenID provider browser sessions sign in at (code flow + PKCE). */
    public static DevIdentityProvider oidc() {
        return oidc;
    }

    public static FakeKeyService keyService() {
        return keyService;
    }

    public static FakeService accessService() {
        return accessService;
    }

    public static FakeService screeningService() {
        return screeningService;
    }

    public static FakeService ashbyConnector() {
        return ashbyConnector;
    }

    /** The fake behind each service name the route table uses. */
    public static FakeService service(String serviceName) {
        return switch (serviceName) {
            case "key-service" -> keyService.http();
            case "access-request-service" -> accessService;
            case "screening-service" -> screeningService;
            case "ashby-connector-service" -> ashbyConnector;
            default -> throw new IllegalArgumentException(serviceName);
        };
    }

    private static Path privateKeyPem() {
        try {
            Path pem = Files.createTempFile("internal-jwt-private-", ".pem");
            Files.writeString(pem, TestKeys.pem("PRIVATE KEY", TestKeys.pair().getPrivate().getEncoded()));
            pem.toFile().deleteOnExit();
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fresh() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
