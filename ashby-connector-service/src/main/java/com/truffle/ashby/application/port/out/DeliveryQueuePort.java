package com.truffle.ashby.application.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.truffle.ashby.domain.AssessmentUpdate;
import com.truffle.ashby.domain.ClaimedDelivery;
import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/**
 * The delivery outbox: updates for Ashby stored in the transaction that produced them, delivered in order per
 * assessment, kept until Ashby took them (or refused them for good, or the company disconnected).
 */
public interface DeliveryQueuePort {

    Uni<Void> enqueue(CompanyId companyId, AssessmentUpdate update);

    /**
     * Leases up to {@code max} due updates to {@code owner}: only the oldest pending update of an assessment, none of
     * an assessment whose oldest is leased, at most one per company per call, none of {@code excluded} companies nor
     * of companies whose deliveries are held or that are disconnected.
     */
    Uni<List<ClaimedDelivery>> claimDue(int max, Set<CompanyId> excluded, Duration lease, String owner);

    Uni<Void> delivered(long id);

    /** Failed this time: back in the queue after {@code delay}; its run of failures started now if it had not already. */
    Uni<Void> retryLater(long id, Duration delay, String error);

    /**
     * Ashby rejected the company's key, or retries ran out: wait (with the company's deliveries held) until the admin
     * reconnects or retries.
     */
    Uni<Void> holdForAdmin(long id, String error);

    /** Refused by Ashby for good: kept for inspection, never sent again; the assessment's next update moves up. */
    Uni<Void> failed(long id, String error);

    /** No attempt was made (the company changed meanwhile): back to due, as it was. */
    Uni<Void> release(long id);

    Uni<Void> discard(long id, String why);

    /** Whether other pending updates of the company have failed at least once (the connection is still degraded). */
    Uni<Boolean> othersFailing(CompanyId companyId, long exceptId);

    /** After a reconnect or the admin's retry: the company's waiting updates are due now, with a fresh backoff and give-up clock. */
    Uni<Void> resume(CompanyId companyId);

    /** After a disconnect: the company's waiting updates are dropped (results stop). */
    Uni<Void> discardPending(CompanyId companyId, String why);

    Uni<Void> releaseClaims(String owner);
}
