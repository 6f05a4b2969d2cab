package com.truffle.deploy.kafka;

import java.util.List;
import java.util.Map;

/**
 * The platform's topics, as a cluster operator would declare them (see deploy/kubernetes for the
 * Strimzi KafkaTopic equivalents). Created up front so that compaction is set before the first write.
 */
public final class PlatformTopics {

    public record Topic(String name, int partitions, Map<String, String> configs) {
    }

    private static final Map<String, String> EVENTS = Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000));

    public static final List<Topic> ALL = List.of(
            new Topic("truffle.access.v1", 3, EVENTS),
            new Topic("truffle.keys.v1", 3, EVENTS),
            // key id -> current verification record (a REVOKED one, kept, once revoked). Compacted: the latest record per
            // key lives forever.
            new Topic("truffle.keys.state.v1", 3, Map.of(
                    "cleanup.policy", "compact",
                    "min.cleanable.dirty.ratio", "0.1",
                    "segment.ms", String.valueOf(3600_000),
                    "delete.retention.ms", String.valueOf(24L * 3600 * 1000))),
            new Topic("truffle.screening.v1", 3, EVENTS),
            new Topic("truffle.ashby.v1", 3, EVENTS),
            new Topic("truffle.gateway.usage.v1", 3, EVENTS),
            // sign-outs of browser sessions, read by every gateway replica: kept longer than a session can live
            new Topic("truffle.gateway.sessions.v1", 3, Map.of("retention.ms", String.valueOf(24L * 3600 * 1000))),
            // key-service's dead letters (records it could not process), declared so no client needs to create topics
            new Topic("truffle.access.v1.dlq.key-service", 1, EVENTS),
            new Topic("truffle.gateway.usage.v1.dlq.key-service", 1, EVENTS));

    private PlatformTopics() {
    }
}
