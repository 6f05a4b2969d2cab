package com.truffle.screening.adapter.out.webhook;

import java.time.Duration;

/**
 * How a webhook attempt is made (from {@code truffle.screening.webhooks.*}, wired in config/).
 *
 * @param timeout the deadline of one attempt, from its start to the end of the answer
 * @param allowPrivateTargets whether a webhook may point at loopback, private, link-local or other non-public
 *        addresses: off in production (a customer's URL must not reach our own network), on where the receivers
 *        listen on 127.0.0.1
 * @param maxAnswerBytes the most of an answer's body read (and discarded); a longer answer fails the attempt
 */
public record WebhookSenderSettings(Duration timeout, boolean allowPrivateTargets, int maxAnswerBytes) {
}
