package com.truffle.gateway.application.port.out;

import java.util.List;

import com.truffle.gateway.domain.usage.KeyUsage;
import io.smallrye.mutiny.Uni;

/** Publishes {@code KeyUsed} events ({@code truffle.gateway.usage.v1}). */
public interface PublishKeyUsagePort {

    /** Completes when every event is acknowledged; fails if any could not be published. */
    Uni<Void> publish(List<KeyUsage> usage);
}
