package com.truffle.ashby.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.truffle.ashby.domain.ProfileLinks;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The connector's configuration as production reads it: the public URL Ashby's links point to has no local default. */
class ProductionConfigTest {

    static SmallRyeConfig config(String profile, Map<String, String> env) throws IOException {
        URL properties = ProductionConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new io.smallrye.config.common.MapBackedConfigSource("env", env, 300) {
                })
                .build();
    }

    @Test
    void inProductionThePublicUrlMustBeGiven() throws IOException {
        assertThatThrownBy(() -> config("prod", Map.of()).getValue("truffle.ashby.public-url", String.class))
                .hasMessageContaining("TRUFFLE_PUBLIC_URL");
        assertThat(config("prod", Map.of("TRUFFLE_PUBLIC_URL", "https://app.truffle.dev")).getValue("truffle.ashby.public-url", String.class))
                .isEqualTo("https://app.truffle.dev");
    }

    @Test
    void theProfileLinkIsTheResultPageUnderThePublicUrl() {
        assertThat(new ProfileLinks("https://app.truffle.dev/").forScreening("8f0c7a1e-1f7e-4c2a-9a61-5a4a0b7c9d10"))
                .isEqualTo("https://app.truffle.dev/screenings/8f0c7a1e-1f7e-4c2a-9a61-5a4a0b7c9d10");
        assertThat(new ProfileLinks("https://app.truffle.dev").forScreening(null)).isEqualTo("https://app.truffle.dev/");
    }
}
