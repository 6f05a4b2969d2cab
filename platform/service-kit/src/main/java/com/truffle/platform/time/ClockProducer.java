package com.truffle.platform.time;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/**
 * The UTC clock every service reads "now" from (one producer for all of them); a test can replace it with a fixed
 * one. It ticks in microseconds because PostgreSQL keeps microseconds: an instant made here and stored round-trips
 * exactly, so a keyset cursor built from a row's time finds that row again.
 */
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
