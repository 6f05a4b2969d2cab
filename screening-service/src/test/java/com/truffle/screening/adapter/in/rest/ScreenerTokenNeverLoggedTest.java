package com.truffle.screening.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.truffle.platform.problem.ProblemMappers;

/** What the error log may say of a screener request: the route, never the candidate's token. */
class ScreenerTokenNeverLoggedTest {

    @Test
    void theTokenSegmentIsMaskedOtherPathsAreKept() {
        String token = "Zx8_kP2qLm9vR4tY7wB1nC3dF6gH0jS5";
        assertThat(ProblemMappers.loggablePath("/screener/" + token)).isEqualTo("/screener/{token}");
        assertThat(ProblemMappers.loggablePath("/screener/" + token + "/submit")).isEqualTo("/screener/{token}/submit");
        assertThat(ProblemMappers.loggablePath("/v1/candidates/42")).isEqualTo("/v1/candidates/42");
        assertThat(ProblemMappers.loggablePath(null)).isNull();
    }
}
