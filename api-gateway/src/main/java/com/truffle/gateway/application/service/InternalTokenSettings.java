package com.truffle.gateway.application.service;

import java.time.Duration;

/** Internal JWTs live {@code lifetime}, are re-signed {@code refreshBefore} their expiry, at most {@code maxCached} kept. */
public record InternalTokenSettings(Duration lifetime, Duration refreshBefore, int maxCached) {
}
