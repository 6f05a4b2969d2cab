package com.truffle.gateway.adapter.out.keystate;

/** The broker and the compacted key-state topic the replica reads. */
public record KeyStateSettings(String bootstrapServers, String topic) {
}
