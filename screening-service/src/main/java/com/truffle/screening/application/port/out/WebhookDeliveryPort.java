package com.truffle.screening.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.truffle.screening.domain.ClaimedDelivery;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.TestDeliveryLimit;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookId;
import io.smallrye.mutiny.Uni;

public interface WebhookDeliveryPort {

    /**
     * Leases up to {@code max} due deliveries for {@code lease}, at most one per endpoint (none of an endpoint that
     * has one leased already) and at most {@code perCompany} minus what {@code inFlight} says per company.
     */
    Uni<List<ClaimedDelivery>> claimDue(int max, int perCompany, Map<CompanyId, Integer> inFlight, Duration lease);

    /**
     * Stores the delivery's new state and the attempt (if any), and ends its lease, if the delivery is still pending
     * under that lease ({@code leasedUntil}; null for a test delivery, which is never leased). False when it is not:
     * the lease expired and another worker took it over, or the endpoint was disabled or deleted meanwhile.
     */
    Uni<Boolean> record(WebhookDelivery delivery, DeliveryAttempt attempt, Instant leasedUntil);

    /** Stops every pending delivery of an endpoint (it was disabled). */
    Uni<Void> abandonPending(WebhookId webhookId, String reason);

    /** A ping delivery (type WebhookTest) for the test-delivery call. */
    Uni<WebhookDelivery> createTest(Webhook webhook, Instant now);

    /**
     * The company's test deliveries created after {@code since}; holds the company's test-delivery lock until the
     * transaction ends, so concurrent tests (on any replica) count each other.
     */
    Uni<List<TestDeliveryLimit.Sent>> lockRecentTests(CompanyId companyId, Instant since);

    Uni<List<DeliveryView>> recent(WebhookId webhookId, int limit);

    record DeliveryView(WebhookDelivery delivery, List<DeliveryAttempt> attempts) {
    }
}
