package com.truffle.screening.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How often an admin may ping endpoints with a test delivery: at most one per webhook every {@code perWebhook}, and at
 * most {@code perCompany} per company within {@code companyWindow}. A test delivery is a real outbound call the
 * caller triggers at will, so without a limit an API key could keep Truffle calling any receiver.
 */
public record TestDeliveryLimit(Duration perWebhook, int perCompany, Duration companyWindow) {

    /** A test delivery already sent (created) for an endpoint of the company. */
    public record Sent(WebhookId webhookId, Instant at) {
    }

    public TestDeliveryLimit {
        Objects.requireNonNull(perWebhook, "perWebhook");
        Objects.requireNonNull(companyWindow, "companyWindow");
        if (perCompany < 1) {
            throw new IllegalArgumentException("at least one test delivery per window");
        }
    }

    /** How far back {@link #check} needs to see the company's test deliveries. */
    public Duration lookBack() {
        return perWebhook.compareTo(companyWindow) > 0 ? perWebhook : companyWindow;
    }

    /**
     * Refuses a test of {@code webhookId} now when it would exceed a limit, saying how long to wait.
     *
     * @param recent the company's test deliveries since {@code now - lookBack()}
     */
    public void check(WebhookId webhookId, Collection<Sent> recent, Instant now) {
        Instant webhookFree = now;
        List<Instant> inWindow = new ArrayList<>();
        Instant windowStart = now.minus(companyWindow);
        for (Sent s : recent) {
            if (s.webhookId().equals(webhookId) && s.at().plus(perWebhook).isAfter(webhookFree)) {
                webhookFree = s.at().plus(perWebhook);
            }
            if (s.at().isAfter(windowStart)) {
                inWindow.add(s.at());
            }
        }
        Instant companyFree = now;
        if (inWindow.size() >= perCompany) {
            // free again once all but perCompany - 1 of them have left the window
            inWindow.sort(null);
            companyFree = inWindow.get(inWindow.size() - perCompany).plus(companyWindow);
        }
        Instant free = webhookFree.isAfter(companyFree) ? webhookFree : companyFree;
        if (free.isAfter(now)) {
            throw new RateLimitExceeded("Test deliveries are limited to one per webhook every " + seconds(perWebhook)
                    + " seconds and " + perCompany + " per company every " + seconds(companyWindow) + " seconds; try again in "
                    + seconds(Duration.between(now, free)) + " seconds.", Duration.between(now, free));
        }
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
