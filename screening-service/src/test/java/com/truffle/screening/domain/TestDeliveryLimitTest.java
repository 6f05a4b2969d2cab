package com.truffle.screening.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TestDeliveryLimitTest {

    static final TestDeliveryLimit LIMIT = new TestDeliveryLimit(Duration.ofSeconds(10), 10, Duration.ofMinutes(1));
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final WebhookId hook = new WebhookId(UUID.randomUUID());

    @Test
    void oneTestPerWebhookEveryTenSeconds() {
        assertThatCode(() -> LIMIT.check(hook, List.of(), NOW)).doesNotThrowAnyException();
        List<TestDeliveryLimit.Sent> sent = List.of(new TestDeliveryLimit.Sent(hook, NOW.minusSeconds(3)));
        RateLimitExceeded refused = catchThrowableOfType(() -> LIMIT.check(hook, sent, NOW), RateLimitExceeded.class);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(refused.retryAfterSeconds()).isEqualTo(7);
        assertThat(refused.rule()).isEqualTo(ScreeningRuleViolation.Rule.RATE_LIMITED);
        // another webhook of the company is not held back, nor this one ten seconds later
        assertThatCode(() -> LIMIT.check(new WebhookId(UUID.randomUUID()), sent, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> LIMIT.check(hook, sent, NOW.plusSeconds(7))).doesNotThrowAnyException();
    }

    @Test
    void tenTestsPerCompanyPerMinuteWhicheverWebhooks() {
        List<TestDeliveryLimit.Sent> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(new TestDeliveryLimit.Sent(new WebhookId(UUID.randomUUID()), NOW.minusSeconds(50 - i)));
        }
        RateLimitExceeded refused = catchThrowableOfType(() -> LIMIT.check(hook, sent, NOW), RateLimitExceeded.class);
        // the oldest of the ten leaves the minute 10 s from now
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(refused.getMessage()).contains("10 per company every 60 seconds");
        assertThatCode(() -> LIMIT.check(hook, sent, NOW.plusSeconds(10))).doesNotThrowAnyException();
        assertThatCode(() -> LIMIT.check(hook, sent.subList(1, 10), NOW)).doesNotThrowAnyException();
    }
}
