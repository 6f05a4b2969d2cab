package com.truffle.screening.domain;

/** What one HTTP delivery attempt gave: a 2xx is a success; anything else (or no answer) a failure. */
public record DeliveryResult(boolean success, Integer statusCode, String error, long durationMillis) {

    public static DeliveryResult ofStatus(int statusCode, long durationMillis) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new DeliveryResult(ok, statusCode, ok ? null : "HTTP " + statusCode, durationMillis);
    }

    public static DeliveryResult ofError(String error, long durationMillis) {
        return new DeliveryResult(false, null, error, durationMillis);
    }

    /** The receiver answered {@code statusCode}, but not acceptably (e.g. a body over the limit): a failure. */
    public static DeliveryResult ofRefusedAnswer(int statusCode, String error, long durationMillis) {
        return new DeliveryResult(false, statusCode, error, durationMillis);
    }
}
