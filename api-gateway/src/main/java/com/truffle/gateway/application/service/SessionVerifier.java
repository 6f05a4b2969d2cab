package com.truffle.gateway.application.service;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.SessionTokenPort;
import com.truffle.gateway.application.port.out.SessionTokenPort.Valid;
import com.truffle.gateway.application.port.out.SessionTokenPort.Verdict;
import io.smallrye.mutiny.Uni;

/** Session JWTs, verified once and then remembered until they expire (the web app sends the same one again and again). */
@ApplicationScoped
public class SessionVerifier {

    static final int MAX_CACHED = 10_000;

    private final SessionTokenPort port;
    private final Clock clock;
    private final ConcurrentHashMap<String, Valid> verified = new ConcurrentHashMap<>();

    @Inject
    public SessionVerifier(SessionTokenPort port, Clock clock) {
        this.port = port;
        this.clock = clock;
    }

    /** The verdict on a session already verified and not expired, else null (then {@link #verify}). */
    public Verdict known(String jwt) {
        Valid cached = verified.get(jwt);
        if (cached != null) {
            if (cached.session().expiresAt().isAfter(clock.instant())) {
                return cached;
            }
            verified.remove(jwt, cached);
        }
        return null;
    }

    public Uni<Verdict> verify(String jwt) {
        Verdict known = known(jwt);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return port.verify(jwt).invoke(verdict -> {
            if (verdict instanceof Valid valid && valid.session().expiresAt().isAfter(clock.instant())) {
                if (verified.size() >= MAX_CACHED) {
                    verified.values().removeIf(v -> !v.session().expiresAt().isAfter(clock.instant()));
                    if (verified.size() >= MAX_CACHED) {
                        verified.clear();
                    }
                }
                verified.put(jwt, valid);
            }
        });
    }
}
