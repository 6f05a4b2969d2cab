package com.truffle.screening.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code truffle.screening.*}; URLs come from the environment (TRUFFLE_PUBLIC_URL), see application.properties. */
@ConfigMapping(prefix = "truffle.screening")
public interface ScreeningConfig {

    /** The public base URL (the gateway): screener links are {@code <public-url>/screener/<token>}. */
    String publicUrl();

    /** AES-256-GCM key (base64 of 32 bytes) sealing webhook signing secrets at rest; none in %prod. */
    String encryptionKey();

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

        /** Per attempt: connect plus answer. */
        @WithDefault("PT10S")
        Duration timeout();

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
}
