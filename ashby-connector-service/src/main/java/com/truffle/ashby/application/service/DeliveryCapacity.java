package com.truffle.ashby.application.service;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.truffle.ashby.domain.ClaimedDelivery;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.DeliveryLimits;

/** This process's calls to Ashby in flight, in all and per company: the partitioning that keeps companies apart. */
final class DeliveryCapacity {

    private final DeliveryLimits limits;
    private final Map<CompanyId, Integer> byCompany = new HashMap<>();
    private int total;

    DeliveryCapacity(DeliveryLimits limits) {
        this.limits = limits;
    }

    synchronized int room() {
        return limits.maxInFlight() - total;
    }

    /** Companies already at their share: not claimed from until one of their calls ends. */
    synchronized Set<CompanyId> saturated() {
        Set<CompanyId> full = new HashSet<>();
        byCompany.forEach((company, n) -> {
            if (n >= limits.perCompany()) {
                full.add(company);
            }
        });
        return full;
    }

    synchronized void take(ClaimedDelivery d) {
        total++;
        byCompany.merge(d.companyId(), 1, Integer::sum);
    }

    synchronized void release(ClaimedDelivery d) {
        total--;
        byCompany.computeIfPresent(d.companyId(), (c, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int inFlight() {
        return total;
    }
}
