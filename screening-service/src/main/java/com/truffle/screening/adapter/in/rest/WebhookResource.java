package com.truffle.screening.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.platform.security.Caller;
import com.truffle.platform.security.Roles;
import com.truffle.screening.adapter.in.rest.HiringDtos.ListView;
import com.truffle.screening.adapter.in.rest.HiringDtos.RegisterWebhookBody;
import com.truffle.screening.application.port.in.ManageWebhooksUseCase;
import com.truffle.screening.application.port.in.ManageWebhooksUseCase.DeliveryHistory;
import com.truffle.screening.application.port.in.ManageWebhooksUseCase.RegisterWebhookCommand;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookId;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Webhooks (ADMIN). Deliveries carry {@code Truffle-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}
 * and {@code Truffle-Event-Id} (deduplicate on it); the secret is in the registration answer only. A receiver succeeds
 * with a 2xx whose whole answer (at most 4 KiB of body, which is ignored) arrives within the deadline (10 s).
 */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class WebhookResource {

    @Inject
    ManageWebhooksUseCase webhooks;
    @Inject
    Caller caller;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WebhookView(String id, String url, List<String> eventTypes, String description, String status,
            int consecutiveFailures, Instant createdAt, Instant disabledAt, String disabledReason) {

        static WebhookView of(Webhook w) {
            return new WebhookView(w.id().toString(), w.url(), w.eventTypes(), w.description(), w.status().name(),
                    w.consecutiveFailures(), w.createdAt(), w.disabledAt(), w.disabledReason());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RegisteredWebhook(String id, String url, List<String> eventTypes, String description, String status, Instant createdAt,
            String secret, String signatureHeader) {

        @Override
        public String toString() {
            return "RegisteredWebhook[id=" + id + ", url=" + url + ", secret=<redacted>]";
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AttemptView(int attemptNo, Instant attemptedAt, Integer statusCode, String error, long durationMs, boolean success) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attemptNo(), a.attemptedAt(), a.statusCode(), a.error(), a.durationMillis(), a.success());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryView(String id, String eventId, String eventType, String status, Instant createdAt, Instant deliveredAt,
            Instant nextAttemptAt, List<AttemptView> attempts) {

        static DeliveryView of(DeliveryHistory h) {
            var d = h.delivery();
            return new DeliveryView(d.id().toString(), d.eventId().toString(), d.eventType(), d.status().name(), d.createdAt(),
                    d.deliveredAt(), d.nextAttemptAt(), h.attempts().stream().map(AttemptView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TestResult(String deliveryId, boolean success, Integer statusCode, String error, long durationMs) {
    }

    @GET
    public Uni<ListView<WebhookView>> list() {
        return webhooks.list(company()).map(list -> new ListView<>(list.stream().map(WebhookView::of).toList(), null));
    }

    /** The answer carries the signing secret: no cache (browser, proxy) may keep it. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<RegisteredWebhook>> register(@Valid @NotNull RegisterWebhookBody body) {
        return webhooks.register(new RegisterWebhookCommand(company(), body.url(), body.eventTypes(), body.description()))
                .map(w -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, new RegisteredWebhook(w.id().toString(),
                        w.url(), w.eventTypes(), w.description(), w.status().name(), w.createdAt(), w.secret(), "Truffle-Signature"))
                        .header("Cache-Control", "no-store").header("Pragma", "no-cache").build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        return webhooks.delete(company(), WebhookId.parse(id)).map(v -> RestResponse.noContent());
    }

    /**
     * Sends a signed WebhookTest ping now and answers how the endpoint responded (within the delivery deadline). At most
     * one per webhook every 10 seconds and 10 per company a minute (configurable); beyond, 429 with Retry-After.
     */
    @POST
    @Path("/{id}/test")
    public Uni<TestResult> test(@RestPath String id) {
        return webhooks.test(company(), WebhookId.parse(id)).map(a -> new TestResult(a.deliveryId().toString(), a.success(),
                a.statusCode(), a.error(), a.durationMillis()));
    }

    /** The most recent deliveries with every attempt. */
    @GET
    @Path("/{id}/deliveries")
    public Uni<ListView<DeliveryView>> deliveries(@RestPath String id,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return webhooks.deliveries(company(), WebhookId.parse(id), limit)
                .map(list -> new ListView<>(list.stream().map(DeliveryView::of).toList(), null));
    }

    private CompanyId company() {
        return new CompanyId(caller.companyId());
    }
}
