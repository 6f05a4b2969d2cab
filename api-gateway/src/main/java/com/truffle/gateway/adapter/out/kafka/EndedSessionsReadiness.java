package com.truffle.gateway.adapter.out.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the sign-outs of the last sessions' lifetime have been read: none is re-admitted after a restart. */
@Readiness
@ApplicationScoped
public class EndedSessionsReadiness implements HealthCheck {

    @Inject
    KafkaEndedSessions sessions;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("signed-out sessions").status(sessions.caughtUp())
                .withData("sessions", sessions.size());
        if (sessions.lastError() != null) {
            b.withData("last_error", sessions.lastError());
        }
        return b.build();
    }
}
