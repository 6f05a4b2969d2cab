package com.truffle.gateway.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the gateway's error log may say of a screener request: the route, never the candidate's token. */
class LoggablePathTest {

    @Test
    void theScreenerTokenIsMaskedOtherPathsAreKept() {
        assertThat(GatewayRouter.loggable("/screener/Zx8_kP2qLm9vR4tY7wB1nC3dF6gH0jS5/start")).isEqualTo("/screener/{token}/start");
        assertThat(GatewayRouter.loggable("/screener/Zx8_kP2qLm9vR4tY7wB1nC3dF6gH0jS5")).isEqualTo("/screener/{token}");
        assertThat(GatewayRouter.loggable("/v1/jobs")).isEqualTo("/v1/jobs");
    }
}
