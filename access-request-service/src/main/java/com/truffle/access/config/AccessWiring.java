package com.truffle.access.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.truffle.access.adapter.in.web.AccessPageSettings;

/** Wires each adapter's settings from {@link AccessConfig}. */
public class AccessWiring {

    @Produces
    @Singleton
    AccessPageSettings accessPageSettings(AccessConfig config) {
        return new AccessPageSettings(config.upgradeUrl());
    }
}
