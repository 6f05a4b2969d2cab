package com.truffle.platform.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class WhenTest {

    static final Instant AT = Instant.parse("2026-12-02T14:05:09Z");

    @Test
    void daysAndMinutesAsThePagesShowThem() {
        assertThat(When.day(AT)).isEqualTo("Dec 2, 2026");
        assertThat(When.minute(AT)).isEqualTo("Dec 2, 2026 14:05 UTC");
    }

    @Test
    void inACompanysOwnTimeZone() {
        assertThat(When.minute(AT, ZoneId.of("America/New_York"))).isEqualTo("Dec 2, 2026 09:05 EST");
        assertThat(When.minute(AT, null)).isEqualTo("Dec 2, 2026 14:05 UTC");
    }

    @Test
    void nothingForNoTime() {
        assertThat(When.day(null)).isEmpty();
        assertThat(When.minute(null)).isEmpty();
    }
}
