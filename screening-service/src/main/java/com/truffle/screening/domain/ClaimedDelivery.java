package com.truffle.screening.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook delivery this process has claimed, with its endpoint, until {@code leasedUntil}: no other worker picks
 * it before then, and its outcome is recorded only while the lease is still this one (the lease is the fencing token).
 */
public record ClaimedDelivery(WebhookDelivery delivery, Webhook webhook, Instant leasedUntil) {

    public ClaimedDelivery {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(leasedUntil, "leasedUntil");
    }

    public CompanyId companyId() {
        return delivery.companyId();
    }
}
