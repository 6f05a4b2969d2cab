package com.truffle.gateway.adapter.out.usage;

/** The broker and the topic of {@code KeyUsed} events. */
public record UsagePublisherSettings(String bootstrapServers, String topic) {
}
