package com.truffle.keys.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.truffle.keys.adapter.out.access.AccessServiceSettings;
import com.truffle.keys.application.service.KeyLimits;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.apikeys.SecretHasher;

/** Wires each layer's settings from {@link KeysConfig}. */
public class KeysWiring {

    @Produces
    @Singleton
    SecretHasher secretHasher(KeysConfig config) {
        return SecretHasher.fromConfig(config.pepper());
    }

    @Produces
    @Singleton
    KeyStateSignature keyStateSignature(SecretHasher hasher) {
        return new KeyStateSignature(hasher);
    }

    @Produces
    @Singleton
    KeyLimits keyLimits(KeysConfig config) {
        return new KeyLimits(config.maxActivePerCompany());
    }

    @Produces
    @Singleton
    AccessServiceSettings accessServiceSettings(KeysConfig config) {
        return new AccessServiceSettings(config.accessServiceUrl(), config.accessCheckTimeout());
    }
}
