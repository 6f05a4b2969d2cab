package com.truffle.gateway.adapter.out.keystate;

import java.time.Duration;
import java.util.Map;

/**
 * The broker, the gateway's login to it ({@code security.protocol}, {@code sasl.*}; empty on a plaintext broker), the
 * compacted key-state topic the replica reads, how long it may go without hearing from the broker before its hits
 * are re-verified ({@code maxStaleness}), and how often the topic's partition count is checked.
 */
public record KeyStateSettings(String bootstrapServers, Map<String, String> login, String topic, Duration maxStaleness,
        Duration partitionCheck) {
}
