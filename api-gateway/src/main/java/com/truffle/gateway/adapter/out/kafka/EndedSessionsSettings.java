package com.truffle.gateway.adapter.out.kafka;

import java.time.Duration;

/** Where sign-outs are broadcast, and how far back a starting replica reads them (the longest a session lives). */
public record EndedSessionsSettings(String bootstrapServers, String topic, Duration lookback) {
}
