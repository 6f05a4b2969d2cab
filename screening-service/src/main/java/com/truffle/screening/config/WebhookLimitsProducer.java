package com.truffle.screening.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.truffle.screening.domain.TestDeliveryLimit;
import com.truffle.screening.domain.WebhookDeliveryLimits;

/** Wires the webhook delivery limits (workers, fairness, lease) and the test-delivery limit from configuration. */
@ApplicationScoped
public class WebhookLimitsProducer {

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
}
