package com.truffle.ashby.application.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.DeliverAssessmentUpdatesUseCase;
import com.truffle.ashby.application.port.out.AshbyKeyVaultPort;
import com.truffle.ashby.application.port.out.AshbyPort;
import com.truffle.ashby.application.port.out.DeliveryQueuePort;
import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.application.port.out.SaveConnectionPort;
import com.truffle.ashby.domain.AshbyApiKey;
import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.ClaimedDelivery;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.DeliveryLimits;
import com.truffle.ashby.domain.DeliveryOutcome;
import com.truffle.ashby.domain.RetryBackoff;
import com.truffle.platform.work.InFlight;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Delivers the delivery outbox to Ashby. The call to Ashby happens outside any transaction; the claim before it and the
 * outcome after it are each one short transaction. A process that dies mid-call leaves a lease that expires, and the
 * update is sent again (at least once; Ashby keeps the latest value per identifier).
 */
@ApplicationScoped
public class AssessmentDeliveryService implements DeliverAssessmentUpdatesUseCase {

    private static final Logger LOG = Logger.getLogger(AssessmentDeliveryService.class);

    @Inject
    DeliveryQueuePort queue;
    @Inject
    LoadConnectionPort connections;
    @Inject
    SaveConnectionPort saveConnection;
    @Inject
    AshbyPort ashby;
    @Inject
    AshbyKeyVaultPort vault;
    @Inject
    RetryBackoff backoff;
    @Inject
    DeliveryLimits limits;
    @Inject
    Clock clock;

    /** Whose leases are whose: one id per process lifetime. */
    private final String owner = "ashby-connector:" + UUID.randomUUID();
    /** This process's calls to Ashby in flight, in all and per company: the partitioning that keeps companies apart. */
    private InFlight<CompanyId> capacity;

    @PostConstruct
    void init() {
        capacity = new InFlight<>(limits.maxInFlight());
    }

    @Override
    public Uni<List<ClaimedDelivery>> claimDue() {
        int room = capacity.room();
        if (room <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withTransaction(() -> queue.claimDue(room, capacity.saturated(limits.perCompany()), limits.lease(), owner))
                .invoke(claimed -> claimed.forEach(c -> capacity.take(c.companyId())));
    }

    @Override
    public Uni<Void> deliver(ClaimedDelivery delivery) {
        return Panache.withSession(() -> connections.load(delivery.companyId()))
                .chain(connection -> attempt(delivery, connection))
                .onFailure().invoke(e -> LOG.warnf("delivery %d (assessment %s): %s; it stays queued and is retried",
                        delivery.id(), delivery.assessmentId(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid()
                .eventually(() -> capacity.release(delivery.companyId()));
    }

    private Uni<Void> attempt(ClaimedDelivery delivery, AshbyConnection connection) {
        if (!connection.status().isActive() || connection.ashbyKey() == null) {
            return Panache.withTransaction(() -> queue.discard(delivery.id(), "not connected"));
        }
        if (connection.deliveriesHeld()) {
            return Panache.withTransaction(() -> queue.release(delivery.id()));
        }
        AshbyApiKey key;
        try {
            key = vault.open(delivery.companyId(), connection.ashbyKey());
        } catch (RuntimeException e) {
            return record(delivery, new DeliveryOutcome.CredentialsRejected("the stored Ashby key cannot be decrypted"));
        }
        return ashby.update(key, delivery.update()).chain(outcome -> record(delivery, outcome));
    }

    private Uni<Void> record(ClaimedDelivery delivery, DeliveryOutcome outcome) {
        long id = delivery.id();
        return Panache.withTransaction(() -> connections.lockAndLoad(delivery.companyId()).chain(connection -> {
            Uni<Void> queued;
            if (outcome instanceof DeliveryOutcome.Delivered) {
                queued = queue.delivered(id).chain(() -> queue.othersFailing(delivery.companyId(), id))
                        .invoke(failing -> connection.delivered(clock.instant(), failing)).replaceWithVoid();
            } else if (outcome instanceof DeliveryOutcome.Retryable r && backoff.givesUp(delivery.failingSince(), clock.instant())) {
                LOG.warnf("delivery %d (assessment %s) to Ashby failed (%s) for %s since %s; retries stop until the admin retries",
                        id, delivery.assessmentId(), r.reason(), backoff.giveUpAfter(), delivery.failingSince());
                connection.deliveriesGaveUp(backoff.giveUpAfter(), r.reason());
                queued = queue.holdForAdmin(id, r.reason());
            } else if (outcome instanceof DeliveryOutcome.Retryable r) {
                var delay = backoff.delay(delivery.attempts() + 1, r.retryAfter(), ThreadLocalRandom.current()::nextDouble);
                LOG.infof("delivery %d (assessment %s) to Ashby failed (%s), attempt %d; retrying in %d ms", id,
                        delivery.assessmentId(), r.reason(), delivery.attempts() + 1, delay.toMillis());
                connection.deliveryFailing("Ashby is not accepting results right now (" + r.reason()
                        + "); Truffle keeps retrying and nothing is lost.");
                queued = queue.retryLater(id, delay, r.reason());
            } else if (outcome instanceof DeliveryOutcome.CredentialsRejected c) {
                LOG.warnf("delivery %d (assessment %s): Ashby rejected the company's API key (%s); held until the admin reconnects",
                        id, delivery.assessmentId(), c.reason());
                connection.ashbyKeyRejected();
                queued = queue.holdForAdmin(id, c.reason());
            } else {
                DeliveryOutcome.Refused refused = (DeliveryOutcome.Refused) outcome;
                LOG.warnf("delivery %d (assessment %s): Ashby refused the update for good (%s)", id, delivery.assessmentId(),
                        refused.reason());
                connection.deliveryFailing("Ashby refused a result update (" + refused.reason() + "); later results are still sent.");
                queued = queue.failed(id, refused.reason());
            }
            return queued.chain(() -> saveConnection.save(connection));
        }));
    }

    @Override
    public Uni<Void> releaseClaims() {
        return Panache.withTransaction(() -> queue.releaseClaims(owner));
    }

    @Override
    public int inFlight() {
        return capacity.total();
    }
}
