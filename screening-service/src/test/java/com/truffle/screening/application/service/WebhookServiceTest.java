package com.truffle.screening.application.service;

import static com.truffle.screening.application.service.InMemoryPorts.MAX_WEBHOOKS;
import static com.truffle.screening.application.service.InMemoryPorts.refusal;
import static com.truffle.screening.application.service.InMemoryPorts.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.application.port.in.ManageWebhooksUseCase.DeliveryHistory;
import com.truffle.screening.application.port.in.ManageWebhooksUseCase.RegisterWebhookCommand;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.ScreeningRuleViolation.Rule;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookId;

class WebhookServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CompanyId GLOBEX = new CompanyId("globex");

    InMemoryPorts ports;
    WebhookService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.webhookService();
    }

    Webhook register(CompanyId company, String url, List<String> types) {
        return service.register(new RegisterWebhookCommand(company, url, types, "  ATS sync ")).await().indefinitely();
    }

    Webhook register(CompanyId company) {
        return register(company, "https://hooks.example.com/truffle", List.of("ScreeningCompleted"));
    }

    List<Webhook> list(CompanyId company) {
        return service.list(company).await().indefinitely();
    }

    void delete(CompanyId company, WebhookId id) {
        service.delete(company, id).await().indefinitely();
    }

    @Test
    void aRegisteredWebhookIsActiveWithItsSigningSecretInTheAnswer() {
        Webhook webhook = register(ACME, "https://hooks.example.com/truffle",
                List.of("ScreeningCompleted", "CandidateAdded", "ScreeningCompleted"));

        assertThat(webhook.secret()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(webhook.status()).isEqualTo(Webhook.Status.ACTIVE);
        assertThat(webhook.eventTypes()).containsExactly("ScreeningCompleted", "CandidateAdded");
        assertThat(webhook.description()).isEqualTo("ATS sync");
        assertThat(list(ACME)).extracting(Webhook::id).containsExactly(webhook.id());
        assertThat(list(GLOBEX)).isEmpty();
        assertThat(ports.published).as("no hiring event").isEmpty();
    }

    @Test
    void theUrlMustBeHttpsWithoutCredentialsAndTheTypesKnown() {
        assertThat(violation(() -> register(ACME, "http://hooks.example.com/truffle", List.of("ScreeningCompleted"))).field())
                .isEqualTo("url");
        assertThat(violation(() -> register(ACME, "https://user:pw@hooks.example.com/", List.of("ScreeningCompleted"))).field())
                .isEqualTo("url");
        assertThat(violation(() -> register(ACME, "/relative", List.of("ScreeningCompleted"))).field()).isEqualTo("url");
        assertThat(violation(() -> register(ACME, "https://hooks.example.com/", List.of("ScreeningDone"))).field())
                .isEqualTo("event_types[0]");
        assertThat(violation(() -> register(ACME, "https://hooks.example.com/", List.of())).field()).isEqualTo("event_types");
        assertThat(ports.webhooks).isEmpty();
    }

    @Test
    void aCompanyHasAtMostTwentyWebhooksAndDeletingOneMakesRoom() {
        Webhook first = register(ACME);
        for (int i = 1; i < MAX_WEBHOOKS; i++) {
            register(ACME);
        }

        assertThat(violation(() -> register(ACME))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.WEBHOOK_LIMIT_REACHED);
            assertThat(e.getMessage()).contains(String.valueOf(MAX_WEBHOOKS));
        });
        assertThat(ports.webhooks).hasSize(MAX_WEBHOOKS);
        assertThat(register(GLOBEX).companyId()).as("another company's count is its own").isEqualTo(GLOBEX);

        delete(ACME, first.id());
        assertThat(register(ACME).companyId()).isEqualTo(ACME);
        assertThat(refusal(() -> register(ACME))).isEqualTo(Rule.WEBHOOK_LIMIT_REACHED);
    }

    @Test
    void deletingStopsPendingDeliveriesKeepsTheHistoryAndHappensOnce() {
        Webhook webhook = register(ACME);
        WebhookDelivery pending = ports.pendingDelivery(webhook, "ScreeningCompleted");
        WebhookDelivery ofAnother = ports.pendingDelivery(register(ACME), "ScreeningCompleted");

        delete(ACME, webhook.id());

        assertThat(list(ACME)).extracting(Webhook::id).doesNotContain(webhook.id());
        assertThat(pending.status()).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(pending.lastError()).isEqualTo("webhook deleted");
        assertThat(ofAnother.status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(refusal(() -> delete(ACME, webhook.id()))).as("deleting twice").isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.deliveries(ACME, webhook.id(), 10).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
    }

    @Test
    void anotherCompanysWebhookCannotBeDeletedOrInspected() {
        Webhook theirs = register(GLOBEX);
        WebhookDelivery pending = ports.pendingDelivery(theirs, "CandidateAdded");

        assertThat(refusal(() -> delete(ACME, theirs.id()))).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.deliveries(ACME, theirs.id(), 10).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> delete(ACME, WebhookId.random()))).isEqualTo(Rule.NOT_FOUND);

        assertThat(list(GLOBEX)).extracting(Webhook::id).containsExactly(theirs.id());
        assertThat(pending.status()).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(service.deliveries(GLOBEX, theirs.id(), 10).await().indefinitely()).extracting(DeliveryHistory::delivery)
                .containsExactly(pending);
    }
}
