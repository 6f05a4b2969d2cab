package com.truffle.ashby.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    final RetryBackoff production = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void doublesFromOneSecondAndIsCappedAtThirtySeconds() {
        assertThat(production.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(production.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(production.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(production.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(production.ceiling(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheCeilingSoRetriesSpreadButNeverExceedTheCap() {
        for (int n = 1; n < 40; n++) {
            long ceiling = production.ceiling(n).toMillis();
            assertThat(production.delay(n, null, () -> 0.0).toMillis()).isEqualTo(ceiling / 2);
            assertThat(production.delay(n, null, () -> 1.0).toMillis()).isEqualTo(ceiling);
            assertThat(production.delay(n, null, () -> 0.999).toMillis()).isLessThanOrEqualTo(30_000);
        }
    }

    @Test
    void ashbysRetryAfterIsAFloorButNotBeyondTheCap() {
        assertThat(production.delay(1, Duration.ofSeconds(5), () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(production.delay(1, Duration.ofMinutes(10), () -> 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(production.delay(6, Duration.ofSeconds(1), () -> 1.0)).isEqualTo(Duration.ofSeconds(30));
    }
}
