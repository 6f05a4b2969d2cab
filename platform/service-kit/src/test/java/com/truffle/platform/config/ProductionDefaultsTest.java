package com.truffle.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

/** What every service reads from service-kit's defaults, as production reads it: no password falls back to anything. */
class ProductionDefaultsTest {

    static SmallRyeConfig config(String profile, Map<String, String> env) throws IOException {
        URL defaults = ProductionDefaultsTest.class.getClassLoader().getResource("META-INF/microprofile-config.properties");
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(defaults, 100))
                .withSources(new MapBackedConfigSource("env", Map.of("truffle.db.name", "truffle_keys"), 250) {
                })
                .withSources(new MapBackedConfigSource("env", env, 300) {
                })
                .build();
    }

    @Test
    void inProductionTheDatabasePasswordMustBeGiven() throws IOException {
        assertThatThrownBy(() -> config("prod", Map.of()).getValue("quarkus.datasource.password", String.class))
                .hasMessageContaining("DB_PASSWORD");
        assertThat(config("prod", Map.of("DB_PASSWORD", "s3cret")).getValue("quarkus.datasource.password", String.class))
                .isEqualTo("s3cret");
        assertThat(config("dev", Map.of()).getValue("quarkus.datasource.password", String.class)).as("local: the role's name")
                .isEqualTo("truffle_keys");
    }

    @Test
    void kafkaLogsInWhenTheEnvironmentSaysSoAndInternalTokensMustNameTheService() throws IOException {
        SmallRyeConfig plain = config("prod", Map.of());
        assertThat(plain.getValue("kafka.security.protocol", String.class)).isEqualTo("PLAINTEXT");
        SmallRyeConfig sasl = config("prod", Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "key-service",
                "KAFKA_SASL_PASSWORD", "pw", "quarkus.application.name", "key-service"));
        assertThat(sasl.getValue("kafka.security.protocol", String.class)).isEqualTo("SASL_SSL");
        assertThat(sasl.getValue("kafka.sasl.jaas.config", String.class)).contains("username=\"key-service\"").contains("password=\"pw\"");
        assertThat(sasl.getValue("mp.jwt.verify.audiences", String.class)).isEqualTo("key-service");
    }
}
