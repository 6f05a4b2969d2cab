package com.truffle.ashby.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The connector's settings (application.properties maps the documented environment variables onto them:
 * ASHBY_BASE_URL, KEY_SERVICE_URL, TRUFFLE_PUBLIC_URL, TRUFFLE_ASHBY_ENCRYPTION_KEY).
 */
@ConfigMapping(prefix = "truffle.ashby")
public interface AshbyConfig {

    /** Ashby's API. */
    @WithDefault("https://api.ashbyhq.com")
    URI baseUrl();

    /** key-service, for the partner-key routes. */
    URI keyServiceUrl();

    /** Truffle's public base URL (the gateway): the screening links Ashby shows. */
    URI publicUrl();

    /** AES-256-GCM key for customers' Ashby keys, base64 of 32 bytes. No default in %prod. */
    String encryptionKey();

    /** The id of {@link #encryptionKey()} (TRUFFLE_ASHBY_ENCRYPTION_KEY_ID): raise it with each rotation. */
    @WithDefault("1")
    int encryptionKeyId();

    /**
     * Keys rotated out but still needed to open what they sealed until the re-seal job has moved it
     * (TRUFFLE_ASHBY_PREVIOUS_ENCRYPTION_KEYS, {@code "<id>:<base64>,…"}).
     */
    Optional<String> previousEncryptionKeys();

    /** How often the re-seal job looks for Ashby keys sealed under an older encryption key. */
    @WithDefault("PT10M")
    Duration resealInterval();

    /** The web app's billing page, where a trial company upgrades (TRUFFLE_UPGRADE_URL, the platform's truffle.upgrade-url). */
    @WithDefault("${truffle.upgrade-url}")
    String upgradeUrl();

    /** Sent on every call to Ashby (api.ashbyhq.com refuses an empty or default one). */
    @WithDefault("Truffle-Ashby-Connector/1.0 (+https://truffle.dev/integrations/ashby)")
    String userAgent();

    /** Ashby's date-based API version header; unset = the key's default version. */
    Optional<String> apiVersion();

    @WithDefault("PT5S")
    Duration keyServiceTimeout();

    /** The apiKey.info check at connect/reconnect (an admin is waiting; not retried). */
    @WithDefault("PT10S")
    Duration keyCheckTimeout();

    Delivery delivery();

    interface Delivery {

        @WithDefault("true")
        boolean enabled();

        /** Per call to Ashby: beyond it the call counts as failed and is retried. */
        @WithDefault("PT10S")
        Duration requestTimeout();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("PT1S")
        Duration initialBackoff();

        /** The backoff cap: delivery resumes at most this long after Ashby recovers. */
        @WithDefault("PT30S")
        Duration maxBackoff();

        /** Ashby's Retry-After is honoured up to this (beyond the backoff cap); a longer one waits this long. */
        @WithDefault("PT1H")
        Duration retryAfterCap();

        /**
         * A delivery failing for this long stops retrying: the card says Action needed and the admin retries from it.
         */
        @WithDefault("PT72H")
        Duration giveUpAfter();

        /**
         * How long a claimed update stays reserved to one process: longer than any call may take (connect + request
         * timeout, checked at start), and no longer than needed, since it is also how long the updates a killed
         * process had claimed wait before another process sends them (fault suite, scenario 3).
         */
        @WithDefault("PT20S")
        Duration lease();

        @WithDefault("16")
        int maxInFlight();

        @WithDefault("4")
        int maxInFlightPerCompany();

        /** Looks for due retries this often (new updates wake the worker at once through NOTIFY). */
        @WithDefault("PT1S")
        Duration pollInterval();

        @WithDefault("PT5S")
        Duration shutdownGrace();
    }
}
