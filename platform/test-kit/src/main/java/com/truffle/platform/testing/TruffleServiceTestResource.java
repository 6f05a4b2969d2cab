package com.truffle.platform.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.truffle.deploy.db.DatabaseBootstrap;

/**
 * What a service's {@code @QuarkusTest}s run against: the real in-process Kafka broker (one per test JVM),
 * the service's own PostgreSQL test database ({@code <truffle.db.name>_test}, created if missing and
 * cleaned by Flyway at start, so no test depends on leftovers) and the test key as the gateway's
 * internal-JWT key. Use it as {@code @WithTestResource(TruffleServiceTestResource.class)} on every
 * Quarkus test class of the module, so they share one application and one broker.
 */
public class TruffleServiceTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String service = TestDatabase.serviceDatabase();
        DatabaseBootstrap pg = TestInfrastructure.postgres();
        String testDb = TestDatabase.name();
        pg.ensure(service, service, testDb);

        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers());
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.datasource.reactive.url", "postgresql://" + pg.host() + ":" + pg.port() + "/" + testDb);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + testDb);
        config.put("quarkus.datasource.username", service);
        config.put("quarkus.datasource.password", service);
        config.put("quarkus.flyway.clean-disabled", "false");
        config.put("quarkus.flyway.clean-at-start", "true");
        config.put("mp.jwt.verify.publickey.location", TestKeys.publicKeyPem().toUri().toString());
        config.put("truffle.outbox.poll-interval", "PT0.5S");
        return config;
    }

    @Override
    public void stop() {
        // the broker is shared by the JVM; the database stays for inspection and is cleaned at the next start
    }
}
