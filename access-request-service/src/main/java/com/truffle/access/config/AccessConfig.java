package com.truffle.access.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What access-request-service can be told (TRUFFLE_ACCESS_…). */
@ConfigMapping(prefix = "truffle.access")
public interface AccessConfig {

    /** The web app's billing page, where a trial company upgrades (TRUFFLE_UPGRADE_URL, the platform's truffle.upgrade-url). */
    @WithDefault("${truffle.upgrade-url}")
    String upgradeUrl();
}
