package com.truffle.screening.adapter.in.scheduling;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.DeliverWebhooksUseCase;
import com.truffle.screening.application.port.in.SendInvitationMailsUseCase;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Drives the two delivery queues (invitation mails, webhook deliveries): every poll interval each drains what is
 * due, one item per transaction, at most {@value #BATCH} per tick so one tick never runs for long. The queues are
 * tables, so a restart resumes where the last commit left off; several replicas share them (skip locked).
 */
@ApplicationScoped
class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);
    static final int BATCH = 50;

    @Inject
    SendInvitationMailsUseCase mails;
    @Inject
    DeliverWebhooksUseCase webhooks;

    @Scheduled(identity = "invitation-mails", every = "${truffle.screening.mail.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendMails() {
        return drain("invitation mails", mails::sendNext);
    }

    @Scheduled(identity = "webhook-deliveries", every = "${truffle.screening.webhooks.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliverWebhooks() {
        return drain("webhook deliveries", webhooks::deliverNext);
    }

    private static Uni<Void> drain(String what, Supplier<Uni<Boolean>> step) {
        return Uni.createFrom().<Boolean>deferred(step::get).repeat().whilst(handled -> handled).select().first(BATCH)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("%s: %s (retried at the next tick)", what, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
