package com.truffle.screening.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How much webhook delivery runs at once: at most {@code maxInFlight} calls per process, at most {@code perCompany}
 * of them for one company (so one company's slow or hostile receivers never occupy every worker), one at a time per
 * endpoint; a claimed delivery stays reserved for {@code lease}, longer than an attempt may take ({@code deadline}).
 */
public record WebhookDeliveryLimits(int maxInFlight, int perCompany, Duration lease, Duration deadline) {

    public WebhookDeliveryLimits {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(deadline, "deadline");
        if (maxInFlight < 1 || perCompany < 1 || perCompany > maxInFlight) {
            throw new IllegalArgumentException("webhook delivery limits need 1 <= per-company <= max-in-flight");
        }
        if (lease.compareTo(deadline.multipliedBy(2)) < 0) {
            // a lease that ends while its call may still run would let a second worker send the delivery meanwhile
            throw new IllegalArgumentException("the webhook delivery lease (" + lease + ") must be at least twice the deadline ("
                    + deadline + ")");
        }
    }
}
