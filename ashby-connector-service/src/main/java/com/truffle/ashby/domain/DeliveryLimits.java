package com.truffle.ashby.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How much delivery runs at once: {@code maxInFlight} calls to Ashby per process, at most {@code perCompany} of them
 * for one company (so one company's slow or failing Ashby cannot use up the others' share), and how long a claimed
 * delivery stays reserved to its process ({@code lease}, longer than any request may take).
 */
public record DeliveryLimits(int maxInFlight, int perCompany, Duration lease) {

    public DeliveryLimits {
        Objects.requireNonNull(lease);
        if (maxInFlight < 1 || perCompany < 1 || perCompany > maxInFlight) {
            throw new IllegalArgumentException("delivery limits need 1 <= per-company <= max-in-flight");
        }
    }
}
