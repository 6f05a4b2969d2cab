package com.truffle.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.platform.testing.TestInfrastructure;

/** "Now" is UTC in whole microseconds, so an instant stored in PostgreSQL comes back equal (keyset cursors rely on it). */
class ClockProducerTest {

    final Clock clock = new ClockProducer().clock();

    @Test
    void itIsUtcAndNow() {
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void itTicksInWholeMicroseconds() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(clock.instant().getNano() % 1_000).isZero();
        }
    }

    @Test
    void anInstantItGivesRoundTripsThroughPostgresqlExactly() throws Exception {
        DatabaseBootstrap postgres = TestInfrastructure.postgres();
        try (Connection c = postgres.connect("postgres"); PreparedStatement ps = c.prepareStatement("select ?::timestamptz")) {
            for (int i = 0; i < 50; i++) {
                Instant now = clock.instant();
                ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(now);
                }
            }
            // what the tick is for: PostgreSQL keeps microseconds, so a nanosecond instant would come back another
            ps.setObject(1, OffsetDateTime.ofInstant(Instant.parse("2026-12-02T14:05:09.123456789Z"), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isNotEqualTo(Instant.parse("2026-12-02T14:05:09.123456789Z"));
            }
        }
    }
}
