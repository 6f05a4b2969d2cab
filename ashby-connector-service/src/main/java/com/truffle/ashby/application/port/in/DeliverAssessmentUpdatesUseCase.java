package com.truffle.ashby.application.port.in;

import java.util.List;

import com.truffle.ashby.domain.ClaimedDelivery;
import com.truffle.platform.work.ClaimingWorkers;
import io.smallrye.mutiny.Uni;

/**
 * The delivery outbox's worker side: claim the updates that are due (at most one in flight per assessment, a fair
 * share per company), deliver each to Ashby and record the outcome (retry, hold, health of the connection).
 */
public interface DeliverAssessmentUpdatesUseCase extends ClaimingWorkers.Work<ClaimedDelivery> {

    /** Claims due updates within this process's free capacity; empty when nothing is due or there is no room. */
    @Override
    Uni<List<ClaimedDelivery>> claimDue();

    /** Sends one claimed update and records what happened; never fails for an Ashby problem. */
    @Override
    Uni<Void> deliver(ClaimedDelivery delivery);

    /** Gives back this process's claims (on shutdown), so another process or the next start delivers them at once. */
    Uni<Void> releaseClaims();

    /** Calls to Ashby this process has in flight (an orderly shutdown waits for them). */
    @Override
    int inFlight();
}
