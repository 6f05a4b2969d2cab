package com.truffle.screening.adapter.in.scheduling;

import java.time.Duration;

/**
 * The background loops' timing (from {@code truffle.screening.*}, wired in config/).
 *
 * @param resealInterval how often webhook secrets sealed under a rotated-out key are re-sealed
 * @param webhookPollInterval the safety-net poll of the webhook delivery queue (NOTIFY wakes it sooner)
 * @param webhookDeadline an attempt never takes longer; on shutdown the calls in flight get that long to finish
 */
public record SchedulingSettings(Duration resealInterval, Duration webhookPollInterval, Duration webhookDeadline) {
}
