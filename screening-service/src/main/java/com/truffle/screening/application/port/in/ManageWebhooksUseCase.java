package com.truffle.screening.application.port.in;

import java.util.List;
import java.util.Objects;

import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookId;
import io.smallrye.mutiny.Uni;

/** A company admin's webhooks: register (secret shown once), list, delete, test, see recent deliveries. */
public interface ManageWebhooksUseCase {

    Uni<Webhook> register(RegisterWebhookCommand command);

    Uni<List<Webhook>> list(CompanyId companyId);

    Uni<Void> delete(CompanyId companyId, WebhookId webhookId);

    /** Sends a WebhookTest ping now and says how it went (does not count towards disabling). */
    Uni<DeliveryAttempt> test(CompanyId companyId, WebhookId webhookId);

    Uni<List<DeliveryHistory>> deliveries(CompanyId companyId, WebhookId webhookId, int limit);

    record RegisterWebhookCommand(CompanyId companyId, String url, List<String> eventTypes, String description) {
        public RegisterWebhookCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(url, "url");
            eventTypes = List.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        }
    }

    record DeliveryHistory(WebhookDelivery delivery, List<DeliveryAttempt> attempts) {
    }
}
