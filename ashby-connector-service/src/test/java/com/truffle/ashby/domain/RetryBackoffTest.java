package com.truffle.ashby.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    final RetryBackoff production = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofHours(72));

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
    void ashbysRetryAfterIsHonouredBeyondTheBackoffCapUpToAnHour() {
        assertThat(production.delay(1, Duration.ofSeconds(5), () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(production.delay(1, Duration.ofMinutes(10), () -> 0.0)).isEqualTo(Duration.ofMinutes(10));
        assertThat(production.delay(1, Duration.ofHours(6), () -> 0.0)).isEqualTo(Duration.ofHours(1));
        // a Retry-After shorter than the backoff does not shorten it
        assertThat(production.delay(6, Duration.ofSeconds(1), () -> 1.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aDeliveryGivesUpOnlyAfterFailingForTheGiveUpAge() {
        Instant since = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(production.givesUp(null, since)).as("a first failure never gives up").isFalse();
        assertThat(production.givesUp(since, since.plus(Duration.ofHours(71)))).isFalse();
        assertThat(production.givesUp(since, since.plus(Duration.ofHours(72)))).isTrue();
    }
}
