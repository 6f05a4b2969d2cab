package com.truffle.keys.adapter.out.access;

import java.net.URI;
import java.time.Duration;

/** Where access-request-service answers, and how long key-service waits for it. */
public record AccessServiceSettings(URI baseUrl, Duration timeout) {
}
