package com.truffle.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.truffle.gateway.adapter.out.keystate.KafkaKeyStateReplica;
import com.truffle.gateway.domain.key.KeyRecord;
import com.truffle.gateway.domain.key.SecretHash;
import io.quarkus.arc.Arc;

/** Publishes key state to the broker and waits (Awaitility) until the running gateway's replica has applied it. */
public final class Replica {

    public static KafkaKeyStateReplica bean() {
        return Arc.container().instance(KafkaKeyStateReplica.class).get();
    }

    public static KeyRecord find(TestApiKey key) {
        return bean().findByHash(SecretHash.ofHex(key.hashHex()));
    }

    /** Publishes the key's record and waits until the replica holds exactly that version. */
    public static TestApiKey admit(TestApiKey key) {
        KeyStateTopic.publish(key);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    KeyRecord r = find(key);
                    return r != null && r.version() == key.version() && r.status().name().equals(key.status());
                });
        return key;
    }

    /** Publishes a tombstone and waits until the replica has applied it. */
    public static void revoke(TestApiKey key) {
        KeyStateTopic.tombstone(key.keyId());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> bean().isRevoked(key.keyId()));
    }

    private Replica() {
    }
}
