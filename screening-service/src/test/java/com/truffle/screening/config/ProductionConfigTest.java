package com.truffle.screening.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The service's configuration as each profile reads it: production refuses plain-text webhooks and mail. */
class ProductionConfigTest {

    static SmallRyeConfig config(String profile) throws IOException {
        URL properties = ProductionConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .build();
    }

    @Test
    void inProductionWebhooksMustBeHttpsAndMailUsesStartTls() throws IOException {
        SmallRyeConfig prod = config("prod");
        assertThat(prod.getValue("truffle.screening.webhooks.require-https", Boolean.class)).isTrue();
        assertThat(prod.getValue("quarkus.mailer.start-tls", String.class)).isEqualTo("REQUIRED");
        // and private targets stay refused (the sender's default)
        assertThat(prod.getOptionalValue("truffle.screening.webhooks.allow-private-targets", Boolean.class)).isEmpty();
    }

    @Test
    void devAndTestsKeepTheirLocalHttpReceiversAndMailCatcher() throws IOException {
        for (String profile : new String[] {"dev", "test"}) {
            SmallRyeConfig config = config(profile);
            assertThat(config.getOptionalValue("truffle.screening.webhooks.require-https", Boolean.class)).as(profile)
                    .isIn(Optional.empty(), Optional.of(false));
            assertThat(config.getValue("quarkus.mailer.start-tls", String.class)).as(profile).isEqualTo("OPTIONAL");
            assertThat(config.getValue("truffle.screening.webhooks.allow-private-targets", Boolean.class)).as(profile).isTrue();
        }
        assertThat(config("test").getValue("truffle.screening.webhooks.timeout", java.time.Duration.class))
                .isEqualTo(java.time.Duration.ofSeconds(2));
    }
}
