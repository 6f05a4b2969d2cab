package com.truffle.gateway.adapter.out.usage;

import java.util.Map;

/** The broker, the gateway's login to it (empty on a plaintext broker) and the topic of {@code KeyUsed} events. */
public record UsagePublisherSettings(String bootstrapServers, Map<String, String> login, String topic) {
}
