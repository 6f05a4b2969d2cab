package com.truffle.ashby.adapter.in.scheduling;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.ResealAshbyKeysUseCase;
import com.truffle.platform.work.PgNotifications;
import com.truffle.platform.work.WakeableLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Every {@code truffle.ashby.reseal-interval} (and on {@code NOTIFY ashby_key_reseal}): stored Ashby keys sealed under
 * a rotated-out encryption key move to the current one.
 */
@ApplicationScoped
public class KeyResealSchedule {

    /** The interval between passes. */
    public record Settings(Duration interval) {
    }

    @Inject
    ResealAshbyKeysUseCase reseal;
    @Inject
    PgNotifications notifications;
    @Inject
    Settings settings;

    private WakeableLoop loop;

    void start(@Observes StartupEvent ev) {
        loop = WakeableLoop.start("ashby-key-reseal", notifications, "ashby_key_reseal", settings.interval(),
                () -> reseal.resealAll().map(n -> false));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (loop != null) {
            loop.stop();
        }
    }
}
