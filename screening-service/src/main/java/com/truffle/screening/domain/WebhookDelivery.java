package com.truffle.screening.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to deliver to one endpoint, with its retry state. Created in the same transaction as the event,
 * so none is lost; SUCCEEDED at most once (a delivery is never retried after a success).
 */
public final class WebhookDelivery {

    public enum Status { PENDING, SUCCEEDED, FAILED }

    private final UUID id;
    private final WebhookId webhookId;
    private final CompanyId companyId;
    private final UUID eventId;
    private final String eventType;
    private final String body;
    private Status status;
    private int attempts;
    private Instant nextAttemptAt;
    private Integer lastStatusCode;
    private String lastError;
    private final Instant createdAt;
    private Instant deliveredAt;

    public WebhookDelivery(UUID id, WebhookId webhookId, CompanyId companyId, UUID eventId, String eventType, String body,
            Status status, int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt,
            Instant deliveredAt) {
        this.id = Objects.requireNonNull(id);
        this.webhookId = Objects.requireNonNull(webhookId);
        this.companyId = Objects.requireNonNull(companyId);
        this.eventId = Objects.requireNonNull(eventId);
        this.eventType = Objects.requireNonNull(eventType);
        this.body = Objects.requireNonNull(body);
        this.status = Objects.requireNonNull(status);
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.lastStatusCode = lastStatusCode;
        this.lastError = lastError;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.deliveredAt = deliveredAt;
    }

    /** Applies the outcome of one attempt; returns the attempt record to keep. */
    public DeliveryAttempt record(DeliveryResult result, RetryPolicy policy, Instant now) {
        if (status != Status.PENDING) {
            throw new IllegalStateException("delivery " + id + " is already " + status);
        }
        attempts++;
        lastStatusCode = result.statusCode();
        lastError = result.error();
        if (result.success()) {
            status = Status.SUCCEEDED;
            deliveredAt = now;
            nextAttemptAt = null;
        } else if (policy.givesUpAfter(attempts)) {
            status = Status.FAILED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = now.plus(policy.delayAfter(attempts));
        }
        return new DeliveryAttempt(id, attempts, now, result.statusCode(), result.error(), result.durationMillis(),
                result.success());
    }

    /** The endpoint was disabled: pending deliveries stop here, with the reason. */
    public void abandon(String reason) {
        if (status == Status.PENDING) {
            status = Status.FAILED;
            lastError = reason;
            nextAttemptAt = null;
        }
    }

    public UUID id() {
        return id;
    }

    public WebhookId webhookId() {
        return webhookId;
    }

    public CompanyId companyId() {
        return companyId;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public String body() {
        return body;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Integer lastStatusCode() {
        return lastStatusCode;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
