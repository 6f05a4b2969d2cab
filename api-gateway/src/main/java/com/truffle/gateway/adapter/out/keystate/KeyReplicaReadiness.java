package com.truffle.gateway.adapter.out.keystate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the key replica has read the key-state topic up to its end offsets at boot, nor while it cannot be
 * trusted: cut off from the broker past its staleness bound, or the topic was repartitioned under it.
 */
@Readiness
@ApplicationScoped
public class KeyReplicaReadiness implements HealthCheck {

    @Inject
    KafkaKeyStateReplica replica;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("key-state replica")
                .status(replica.caughtUp() && replica.trusted())
                .withData("keys", replica.keys())
                .withData("records", replica.recordsApplied())
                .withData("fresh_ms_ago", replica.freshMillisAgo())
                .withData("repartitioned", replica.repartitioned());
        String error = replica.lastError();
        if (error != null) {
            b.withData("last_error", error);
        }
        return b.build();
    }
}
