package com.truffle.screening.adapter.in.scheduling;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.SendInvitationMailsUseCase;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Drives the invitation mail queue: every poll interval it drains what is due, one item per transaction, at most
 * {@value #BATCH} per tick so one tick never runs for long. The queue is a table, so a restart resumes where the last
 * commit left off; several replicas share it (skip locked). Webhook deliveries have their own workers
 * ({@link WebhookDeliveryWorkers}).
 */
@ApplicationScoped
class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);
    static final int BATCH = 50;

    @Inject
    SendInvitationMailsUseCase mails;

    @Scheduled(identity = "invitation-mails", every = "${truffle.screening.mail.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendMails() {
        return drain("invitation mails", mails::sendNext);
    }

    private static Uni<Void> drain(String what, Supplier<Uni<Boolean>> step) {
        return Uni.createFrom().<Boolean>deferred(step::get).repeat().whilst(handled -> handled).select().first(BATCH)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("%s: %s (retried at the next tick)", what, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
