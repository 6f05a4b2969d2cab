package com.truffle.screening.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.truffle.platform.crypto.SecretBox;
import com.truffle.screening.adapter.in.scheduling.SchedulingSettings;
import com.truffle.screening.adapter.out.mail.MailSettings;
import com.truffle.screening.adapter.out.webhook.WebhookSenderSettings;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.RetryPolicy;
import com.truffle.screening.domain.TestDeliveryLimit;
import com.truffle.screening.domain.WebhookDeliveryLimits;

/**
 * Wires the plain domain classes from configuration: the hiring policy (invitation validity, mail and webhook retry),
 * the webhook delivery limits (workers, fairness, lease), the test-delivery limit, the box that seals webhook
 * signing secrets, and the adapters' settings (webhook attempts, mail sender, background loops).
 */
@ApplicationScoped
public class ScreeningWiring {

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
    @Singleton
    WebhookDeliveryLimits deliveryLimits(ScreeningConfig config) {
        ScreeningConfig.Webhooks hooks = config.webhooks();
        return new WebhookDeliveryLimits(hooks.maxInFlight(), hooks.maxInFlightPerCompany(), hooks.lease(), hooks.timeout());
    }

    @Produces
    @Singleton
    TestDeliveryLimit testDeliveryLimit(ScreeningConfig config) {
        ScreeningConfig.TestLimit limit = config.webhooks().testLimit();
        return new TestDeliveryLimit(limit.perWebhook(), limit.perCompany(), limit.companyWindow());
    }

    @Produces
    @Singleton
    WebhookSenderSettings webhookSenderSettings(ScreeningConfig config) {
        ScreeningConfig.Webhooks hooks = config.webhooks();
        return new WebhookSenderSettings(hooks.timeout(), hooks.allowPrivateTargets(), hooks.maxAnswerBytes());
    }

    @Produces
    @Singleton
    MailSettings mailSettings(ScreeningConfig config) {
        return new MailSettings(config.mail().from());
    }

    @Produces
    @Singleton
    SchedulingSettings schedulingSettings(ScreeningConfig config) {
        return new SchedulingSettings(config.resealInterval(), config.webhooks().pollInterval(), config.webhooks().timeout());
    }

    /** Seals what the service must keep but never show again (webhook signing secrets). */
    @Produces
    @Singleton
    SecretBox secretBox(ScreeningConfig config) {
        return SecretBox.fromConfig(config.encryptionKey(), config.encryptionKeyId(), config.previousEncryptionKeys().orElse(null),
                "truffle.screening.encryption-key (TRUFFLE_SCREENING_ENCRYPTION_KEY)");
    }
}
