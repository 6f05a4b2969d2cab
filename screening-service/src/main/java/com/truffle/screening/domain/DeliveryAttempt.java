package com.truffle.screening.domain;

import java.time.Instant;
import java.util.UUID;

/** One recorded attempt of a webhook delivery. */
public record DeliveryAttempt(UUID deliveryId, int attemptNo, Instant attemptedAt, Integer statusCode, String error,
        long durationMillis, boolean success) {
}
