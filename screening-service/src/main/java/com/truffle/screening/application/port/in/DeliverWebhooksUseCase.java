package com.truffle.screening.application.port.in;

import java.util.List;

import com.truffle.screening.domain.ClaimedDelivery;
import com.truffle.platform.work.ClaimingWorkers;
import io.smallrye.mutiny.Uni;

/**
 * The webhook delivery worker's side: claim what is due within this process's free capacity (a fair share per
 * company, one call at a time per endpoint), then deliver each claimed delivery and record how it went. No
 * transaction is open while a receiver is called.
 */
public interface DeliverWebhooksUseCase extends ClaimingWorkers.Work<ClaimedDelivery> {

    /** Claims due deliveries (one short transaction); empty when nothing is due or there is no room. */
    @Override
    Uni<List<ClaimedDelivery>> claimDue();

    /** Calls the receiver and records the outcome (a second short transaction); never fails for a receiver's fault. */
    @Override
    Uni<Void> deliver(ClaimedDelivery delivery);

    /** Calls to receivers this process has in flight (an orderly shutdown waits for them). */
    @Override
    int inFlight();
}
