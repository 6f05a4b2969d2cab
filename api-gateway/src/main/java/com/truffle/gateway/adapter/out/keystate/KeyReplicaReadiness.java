package com.truffle.gateway.adapter.out.keystate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the key replica has read the key-state topic up to its end offsets at boot. */
@Readiness
@ApplicationScoped
public class KeyReplicaReadiness implements HealthCheck {

    @Inject
    KafkaKeyStateReplica replica;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("key-state replica")
                .status(replica.caughtUp())
                .withData("keys", replica.keys())
                .withData("records", replica.recordsApplied());
        String error = replica.lastError();
        if (error != null) {
            b.withData("last_error", error);
        }
        return b.build();
    }
}
