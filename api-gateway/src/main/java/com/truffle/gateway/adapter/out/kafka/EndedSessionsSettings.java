package com.truffle.gateway.adapter.out.kafka;

import java.time.Duration;
import java.util.Map;

/**
 * Where sign-outs are broadcast (the broker, the gateway's login to it, the topic), and how far back a starting replica
 * reads them (the longest a session lives).
 */
public record EndedSessionsSettings(String bootstrapServers, Map<String, String> login, String topic, Duration lookback) {
}
