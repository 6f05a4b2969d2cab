package com.truffle.gateway.adapter.out.keyservice;

import java.net.URI;
import java.time.Duration;

/** Where key-service is and how long a lookup may take before the key counts as unverifiable. */
public record KeyServiceSettings(URI url, Duration timeout) {
}
