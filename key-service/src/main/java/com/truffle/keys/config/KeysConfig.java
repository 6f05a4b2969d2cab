package com.truffle.keys.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What key-service can be told (application.properties maps the environment of docs/contracts.md onto it). */
@ConfigMapping(prefix = "truffle.keys")
public interface KeysConfig {

    /** The HMAC pepper of API-key secrets (TRUFFLE_KEY_PEPPER, base64, >= 32 bytes); shared with the gateway only. */
    String pepper();

    /** Live keys a company may hold at once (TRUFFLE_KEYS_MAX_ACTIVE). */
    @WithDefault("25")
    int maxActivePerCompany();

    /** access-request-service (ACCESS_SERVICE_URL), asked when the local view of a company's access says no. */
    URI accessServiceUrl();

    /** How long that question may take before the local view stands. */
    @WithDefault("PT2S")
    Duration accessCheckTimeout();
}
