package com.truffle.platform.work;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Calls this process has in flight, in all and per owner (a company): what the next claim may still take, and which
 * owners are at their share. The delivery workers of the connector and of screening-service partition their work
 * with it so one owner's slow receiver cannot take every slot.
 *
 * @param <K> the owner of a call
 */
public final class InFlight<K> {

    private final int maxInFlight;
    private final Map<K, Integer> byOwner = new HashMap<>();
    private int total;

    public InFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** How many more calls may start now. */
    public synchronized int room() {
        return maxInFlight - total;
    }

    /** A snapshot of the calls in flight per owner (calls ending meanwhile only leave more room). */
    public synchronized Map<K, Integer> byOwner() {
        return Map.copyOf(byOwner);
    }

    /** Owners with {@code perOwner} or more calls in flight: not to be claimed for until one of their calls ends. */
    public synchronized Set<K> saturated(int perOwner) {
        Set<K> full = new HashSet<>();
        byOwner.forEach((owner, n) -> {
            if (n >= perOwner) {
                full.add(owner);
            }
        });
        return full;
    }

    public synchronized void take(K owner) {
        total++;
        byOwner.merge(owner, 1, Integer::sum);
    }

    public synchronized void release(K owner) {
        total--;
        byOwner.computeIfPresent(owner, (o, n) -> n <= 1 ? null : n - 1);
    }

    public synchronized int total() {
        return total;
    }
}
