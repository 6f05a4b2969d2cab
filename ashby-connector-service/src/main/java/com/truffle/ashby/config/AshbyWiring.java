package com.truffle.ashby.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.truffle.ashby.adapter.in.scheduling.DeliveryScheduler;
import com.truffle.ashby.adapter.in.scheduling.KeyResealSchedule;
import com.truffle.ashby.adapter.in.web.IntegrationPageSettings;
import com.truffle.ashby.adapter.out.ashby.AshbyClientSettings;
import com.truffle.ashby.adapter.out.crypto.AesGcmAshbyKeyVault;
import com.truffle.ashby.adapter.out.keys.KeyServiceSettings;
import com.truffle.ashby.domain.DeliveryLimits;
import com.truffle.ashby.domain.ProfileLinks;
import com.truffle.ashby.domain.RetryBackoff;
import io.quarkus.runtime.StartupEvent;

/** Turns configuration into the plain domain objects and adapter settings the rest of the service is built from. */
public class AshbyWiring {

    @Produces
    @Singleton
    IntegrationPageSettings integrationPageSettings(AshbyConfig config) {
        return new IntegrationPageSettings(config.upgradeUrl());
    }

    @Produces
    @Singleton
    ProfileLinks profileLinks(AshbyConfig config) {
        return new ProfileLinks(config.publicUrl().toString());
    }

    @Produces
    @Singleton
    RetryBackoff retryBackoff(AshbyConfig config) {
        AshbyConfig.Delivery d = config.delivery();
        return new RetryBackoff(d.initialBackoff(), d.maxBackoff(), d.retryAfterCap(), d.giveUpAfter());
    }

    @Produces
    @Singleton
    DeliveryLimits deliveryLimits(AshbyConfig config) {
        AshbyConfig.Delivery d = config.delivery();
        // a lease that can end while its call is still running lets a second process send the same update
        java.time.Duration longestCall = d.connectTimeout().plus(d.requestTimeout());
        if (d.lease().compareTo(longestCall) <= 0) {
            throw new IllegalStateException("truffle.ashby.delivery.lease (" + d.lease() + ") must be longer than"
                    + " connect-timeout + request-timeout (" + longestCall + ")");
        }
        return new DeliveryLimits(d.maxInFlight(), d.maxInFlightPerCompany(), d.lease());
    }

    @Produces
    @Singleton
    AshbyClientSettings ashbyClient(AshbyConfig config) {
        return new AshbyClientSettings(config.baseUrl(), config.userAgent(), config.delivery().requestTimeout(),
                config.keyCheckTimeout(), config.delivery().connectTimeout(), config.apiVersion());
    }

    @Produces
    @Singleton
    KeyServiceSettings keyService(AshbyConfig config) {
        return new KeyServiceSettings(config.keyServiceUrl(), config.keyServiceTimeout());
    }

    @Produces
    @Singleton
    AesGcmAshbyKeyVault.Settings vault(AshbyConfig config) {
        return new AesGcmAshbyKeyVault.Settings(config.encryptionKey(), config.encryptionKeyId(),
                config.previousEncryptionKeys().orElse(""));
    }

    @Produces
    @Singleton
    DeliveryScheduler.Settings scheduler(AshbyConfig config) {
        return new DeliveryScheduler.Settings(config.delivery().pollInterval(), config.delivery().enabled(),
                config.delivery().shutdownGrace());
    }

    @Produces
    @Singleton
    KeyResealSchedule.Settings reseal(AshbyConfig config) {
        return new KeyResealSchedule.Settings(config.resealInterval());
    }

    /** Fail at start, not at the first connect, when the encryption key is missing or malformed (never printing it). */
    void checkSecrets(@Observes StartupEvent ev, AshbyConfig config) {
        new AesGcmAshbyKeyVault(vault(config));
        new ProfileLinks(config.publicUrl().toString());
    }
}
