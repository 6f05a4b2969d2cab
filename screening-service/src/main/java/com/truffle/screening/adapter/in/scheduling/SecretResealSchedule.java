package com.truffle.screening.adapter.in.scheduling;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.truffle.platform.work.PgNotifications;
import com.truffle.platform.work.WakeableLoop;
import com.truffle.screening.application.port.in.ResealWebhookSecretsUseCase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Every {@code truffle.screening.reseal-interval} (and on {@code NOTIFY webhook_secret_reseal}): webhook signing secrets
 * sealed under a rotated-out encryption key move to the current one, after which the old key can be retired.
 */
@ApplicationScoped
class SecretResealSchedule {

    @Inject
    ResealWebhookSecretsUseCase reseal;
    @Inject
    PgNotifications notifications;

    @Inject
    SchedulingSettings settings;

    private WakeableLoop loop;

    void start(@Observes StartupEvent ev) {
        loop = WakeableLoop.start("webhook-secret-reseal", notifications, "webhook_secret_reseal", settings.resealInterval(),
                () -> reseal.resealAll().map(n -> false));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (loop != null) {
            loop.stop();
        }
    }
}
