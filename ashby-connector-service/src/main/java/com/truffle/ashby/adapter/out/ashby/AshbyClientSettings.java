package com.truffle.ashby.adapter.out.ashby;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where Ashby is and how to talk to it (from configuration). {@code requestTimeout} bounds a delivery (retried after),
 * {@code keyCheckTimeout} the key check an admin waits for at connect.
 */
public record AshbyClientSettings(URI baseUrl, String userAgent, Duration requestTimeout, Duration keyCheckTimeout,
        Duration connectTimeout, Optional<String> apiVersion) {
}
