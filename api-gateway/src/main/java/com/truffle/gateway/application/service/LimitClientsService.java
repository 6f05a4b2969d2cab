package com.truffle.gateway.application.service;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.in.LimitClientsUseCase;
import com.truffle.gateway.domain.access.ClientBuckets;

/** One token bucket per client address and kind of route (limits from configuration). */
@ApplicationScoped
public class LimitClientsService implements LimitClientsUseCase {

    private final Map<Kind, ClientBuckets> buckets = new EnumMap<>(Kind.class);
    private final LongSupplier nanoTime;

    @Inject
    public LimitClientsService(ClientLimitSettings settings) {
        this(settings, System::nanoTime);
    }

    LimitClientsService(ClientLimitSettings settings, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        buckets.put(Kind.PUBLIC, new ClientBuckets(settings.publicRoutes(), settings.maxClients()));
        buckets.put(Kind.SIGNED_IN, new ClientBuckets(settings.signedIn(), settings.maxClients()));
    }

    @Override
    public long retryAfterSeconds(Kind kind, String client) {
        long wait = buckets.get(kind).tryTake(client, nanoTime.getAsLong());
        return wait == 0 ? 0 : Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    }
}
