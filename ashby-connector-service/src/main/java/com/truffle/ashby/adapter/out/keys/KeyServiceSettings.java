package com.truffle.ashby.adapter.out.keys;

import java.net.URI;
import java.time.Duration;

/** Where key-service is (from configuration). */
public record KeyServiceSettings(URI baseUrl, Duration timeout) {
}
