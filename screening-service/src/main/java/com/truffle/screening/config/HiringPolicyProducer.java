package com.truffle.screening.config;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.truffle.platform.crypto.SecretBox;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.RetryPolicy;

/** Wires the plain domain policy and the clock from configuration. */
@ApplicationScoped
public class HiringPolicyProducer {

    @Produces
    @Singleton
    HiringPolicy policy(ScreeningConfig config) {
        ScreeningConfig.Mail mail = config.mail();
        ScreeningConfig.Webhooks hooks = config.webhooks();
        return new HiringPolicy(config.invitation().validity(), config.publicUrl(),
                new RetryPolicy(mail.initialBackoff(), mail.maxBackoff(), mail.maxAttempts()),
                new RetryPolicy(hooks.initialBackoff(), hooks.maxBackoff(), hooks.maxAttempts()),
                hooks.disableAfter(), hooks.requireHttps(), hooks.maxPerCompany());
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        // PostgreSQL keeps microseconds: instants are made at that precision, so a keyset cursor round-trips exactly
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /** Seals what the service must keep but never show again (webhook signing secrets). */
    @Produces
    @Singleton
    SecretBox secretBox(ScreeningConfig config) {
        return SecretBox.fromConfig(config.encryptionKey(), config.encryptionKeyId(), config.previousEncryptionKeys().orElse(null),
                "truffle.screening.encryption-key (TRUFFLE_SCREENING_ENCRYPTION_KEY)");
    }
}
