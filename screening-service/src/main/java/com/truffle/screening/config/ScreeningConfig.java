package com.truffle.screening.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code truffle.screening.*}; URLs come from the environment (TRUFFLE_PUBLIC_URL), see application.properties. */
@ConfigMapping(prefix = "truffle.screening")
public interface ScreeningConfig {

    /** The public base URL (the gateway): screener links are {@code <public-url>/screener/<token>}. */
    String publicUrl();

    /** AES-256-GCM key (base64 of 32 bytes) sealing webhook signing secrets at rest; none in %prod. */
    String encryptionKey();

    /** The id of {@link #encryptionKey()} (TRUFFLE_SCREENING_ENCRYPTION_KEY_ID): raise it with each rotation. */
    @WithDefault("1")
    int encryptionKeyId();

    /**
     * Rotated-out keys that may still open stored secrets until the re-seal job has moved them
     * (TRUFFLE_SCREENING_PREVIOUS_ENCRYPTION_KEYS, {@code "<id>:<base64>,…"}).
     */
    Optional<String> previousEncryptionKeys();

    /** How often the re-seal job looks for webhook secrets sealed under an older encryption key. */
    @WithDefault("PT10M")
    Duration resealInterval();

    Invitation invitation();

    Mail mail();

    Webhooks webhooks();

    interface Invitation {
        /** How long a screener link can be used. */
        @WithDefault("P14D")
        Duration validity();
    }

    interface Mail {
        /** The From address of invitation mails (the display name is the company's sender name). */
        @WithDefault("no-reply@truffle.dev")
        String from();

        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("PT10S")
        Duration initialBackoff();

        @WithDefault("PT30M")
        Duration maxBackoff();

        @WithDefault("12")
        int maxAttempts();
    }

    interface Webhooks {
        @WithDefault("1s")
        Duration pollInterval();

        /** The deadline of one attempt, from resolving the host to the end of the answer (a timer resets the request). */
        @WithDefault("PT10S")
        Duration timeout();

        /** The most of an answer's body read (and discarded; only the status counts); a longer answer fails the attempt. */
        @WithDefault("4096")
        int maxAnswerBytes();

        /** Webhook calls in flight at once per process. */
        @WithDefault("16")
        int maxInFlight();

        /** Of those, at most this many for one company: one company's slow or hostile receivers never take every worker. */
        @WithDefault("2")
        int maxInFlightPerCompany();

        /** How long a claimed delivery stays reserved to its worker (at least twice the timeout); then it is due again. */
        @WithDefault("PT1M")
        Duration lease();

        /** The test-delivery call ({@code POST /v1/webhooks/{id}/test}) is a call out at the caller's will: limited. */
        TestLimit testLimit();

        @WithDefault("PT10S")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();

        /** Attempts per delivery before it is marked FAILED (10 s … 1 h apart: about 8 hours in all). */
        @WithDefault("12")
        int maxAttempts();

        /** Consecutive failed attempts (any delivery) after which the endpoint is disabled. */
        @WithDefault("36")
        int disableAfter();

        @WithDefault("false")
        boolean requireHttps();

        /** Loopback/private webhook targets allowed (local stack, tests); read by the sender. */
        @WithDefault("false")
        boolean allowPrivateTargets();

        @WithDefault("20")
        int maxPerCompany();
    }

    interface TestLimit {
        /** At most one test delivery per webhook this often. */
        @WithDefault("PT10S")
        Duration perWebhook();

        /** At most this many test deliveries per company within {@link #companyWindow()}. */
        @WithDefault("10")
        int perCompany();

        @WithDefault("PT1M")
        Duration companyWindow();
    }
}
