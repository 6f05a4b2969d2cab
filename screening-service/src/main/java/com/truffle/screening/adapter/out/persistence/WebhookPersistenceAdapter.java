package com.truffle.screening.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.screening.application.port.out.WebhookDeliveryPort;
import com.truffle.screening.application.port.out.WebhookPort;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.Webhook;
import com.truffle.screening.domain.WebhookDelivery;
import com.truffle.screening.domain.WebhookId;
import com.truffle.platform.crypto.SecretBox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/** Webhook endpoints (with their event types), their deliveries and every attempt. */
@ApplicationScoped
class WebhookPersistenceAdapter implements WebhookPort, WebhookDeliveryPort {

    private static final String NEXT_DUE = "select * from webhook_delivery where status = 'PENDING' and next_attempt_at <= :now "
            + "order by next_attempt_at, id limit 1 for update skip locked";

    @Inject
    ObjectMapper mapper;
    @Inject
    SecretBox secrets;

    // ------------------------------------------------------------------ endpoints

    @Override
    public Uni<Void> save(Webhook webhook) {
        return Panache.getSession().chain(s -> s.find(WebhookEntity.class, webhook.id().value()).chain(existing -> {
            WebhookEntity e = existing != null ? existing : new WebhookEntity();
            e.id = webhook.id().value();
            e.companyId = webhook.companyId().value();
            e.url = webhook.url();
            e.description = webhook.description();
            e.secret = secrets.sealText(webhook.secret(), context(webhook.companyId(), webhook.id()));
            e.status = webhook.status().name();
            e.consecutiveFailures = webhook.consecutiveFailures();
            e.createdAt = webhook.createdAt();
            e.disabledAt = webhook.disabledAt();
            e.disabledReason = webhook.disabledReason();
            if (existing != null) {
                return s.flush();
            }
            Uni<Void> chain = s.persist(e).chain(s::flush);
            for (String type : webhook.eventTypes()) {
                chain = chain.chain(() -> s.createNativeQuery("insert into webhook_event_type (webhook_id, event_type) values (:id, :type)")
                        .setParameter("id", e.id).setParameter("type", type).executeUpdate().replaceWithVoid());
            }
            return chain;
        }));
    }

    @Override
    public Uni<Optional<Webhook>> load(CompanyId companyId, WebhookId webhookId) {
        return Panache.getSession().chain(s -> s.find(WebhookEntity.class, webhookId.value()).chain(e -> {
            if (e == null || e.deletedAt != null || !e.companyId.equals(companyId.value())) {
                return Uni.createFrom().item(Optional.<Webhook>empty());
            }
            return toDomain(s, e).map(Optional::of);
        }));
    }

    @Override
    public Uni<List<Webhook>> list(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from WebhookEntity w where w.companyId = :company and w.deletedAt is null order by w.createdAt, w.id",
                WebhookEntity.class).setParameter("company", companyId.value()).getResultList()
                .chain(rows -> {
                    Uni<List<Webhook>> all = Uni.createFrom().item(new ArrayList<>());
                    for (WebhookEntity e : rows) {
                        all = all.chain(list -> toDomain(s, e).map(w -> {
                            list.add(w);
                            return list;
                        }));
                    }
                    return all;
                }));
    }

    @Override
    public Uni<Long> count(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "select count(w) from WebhookEntity w where w.companyId = :company and w.deletedAt is null", Long.class)
                .setParameter("company", companyId.value()).getSingleResult());
    }

    @Override
    public Uni<Boolean> delete(CompanyId companyId, WebhookId webhookId, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update webhook set deleted_at = :now "
                + "where id = :id and company_id = :company and deleted_at is null")
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).setParameter("id", webhookId.value())
                .setParameter("company", companyId.value()).executeUpdate())
                .map(updated -> updated == 1);
    }

    /** The signing secret is stored sealed, bound to its company and webhook (a copied value does not open). */
    private static String context(CompanyId companyId, WebhookId webhookId) {
        return "truffle-webhook-secret:v1:" + companyId.value() + ":" + webhookId.value();
    }

    private String secret(WebhookEntity e) {
        return secrets.openText(e.secret, context(new CompanyId(e.companyId), new WebhookId(e.id)));
    }

    private Uni<Webhook> toDomain(Mutiny.Session s, WebhookEntity e) {
        return s.createNativeQuery("select event_type from webhook_event_type where webhook_id = :id order by event_type", String.class)
                .setParameter("id", e.id).getResultList()
                .map(types -> new Webhook(new WebhookId(e.id), new CompanyId(e.companyId), e.url, types, e.description, secret(e),
                        Webhook.Status.valueOf(e.status), e.consecutiveFailures, e.createdAt, e.disabledAt, e.disabledReason));
    }

    // ------------------------------------------------------------------ deliveries

    @Override
    public Uni<Optional<Claimed>> claimNext(Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(NEXT_DUE, WebhookDeliveryEntity.class)
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(Optional.<Claimed>empty());
                    }
                    WebhookDeliveryEntity d = rows.get(0);
                    return s.find(WebhookEntity.class, d.webhookId).chain(w -> toDomain(s, w))
                            .map(w -> Optional.of(new Claimed(toDomain(d), w)));
                }));
    }

    @Override
    public Uni<Void> record(WebhookDelivery delivery, DeliveryAttempt attempt) {
        return Panache.getSession().chain(s -> s.find(WebhookDeliveryEntity.class, delivery.id()).chain(e -> {
            e.status = delivery.status().name();
            e.attempts = delivery.attempts();
            e.nextAttemptAt = delivery.nextAttemptAt();
            e.lastStatusCode = delivery.lastStatusCode();
            e.lastError = delivery.lastError();
            e.deliveredAt = delivery.deliveredAt();
            if (attempt == null) {
                return s.flush();
            }
            WebhookAttemptEntity a = new WebhookAttemptEntity();
            a.deliveryId = attempt.deliveryId();
            a.attemptNo = attempt.attemptNo();
            a.attemptedAt = attempt.attemptedAt();
            a.statusCode = attempt.statusCode();
            a.error = attempt.error();
            a.durationMs = attempt.durationMillis();
            a.success = attempt.success();
            return s.persist(a).chain(s::flush);
        }));
    }

    @Override
    public Uni<Void> abandonPending(WebhookId webhookId, String reason) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update webhook_delivery set status = 'FAILED', "
                + "next_attempt_at = null, last_error = :reason where webhook_id = :id and status = 'PENDING'")
                .setParameter("reason", reason).setParameter("id", webhookId.value()).executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<WebhookDelivery> createTest(Webhook webhook, Instant now) {
        UUID eventId = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", "WebhookTest");
        body.put("created_at", now.toString());
        body.put("company_id", webhook.companyId().value());
        body.put("data", Map.of("webhook_id", webhook.id().toString(), "message", "This is a test delivery from Truffle."));
        WebhookDeliveryEntity e = new WebhookDeliveryEntity();
        e.id = UUID.randomUUID();
        e.webhookId = webhook.id().value();
        e.companyId = webhook.companyId().value();
        e.eventId = eventId;
        e.eventType = "WebhookTest";
        e.body = write(body);
        e.status = WebhookDelivery.Status.PENDING.name();
        e.createdAt = now;
        // no next_attempt_at: the worker never picks a test; the call sends it itself
        return Panache.getSession().chain(s -> s.persist(e).chain(s::flush)).map(v -> toDomain(e));
    }

    @Override
    public Uni<List<DeliveryView>> recent(WebhookId webhookId, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from WebhookDeliveryEntity d where d.webhookId = :id order by d.createdAt desc, d.id", WebhookDeliveryEntity.class)
                .setParameter("id", webhookId.value()).setMaxResults(limit).getResultList()
                .chain(deliveries -> deliveries.isEmpty() ? Uni.createFrom().item(List.<DeliveryView>of())
                        : s.createSelectionQuery("from WebhookAttemptEntity a where a.deliveryId in :ids order by a.attemptNo",
                                WebhookAttemptEntity.class)
                                .setParameter("ids", deliveries.stream().map(d -> d.id).toList()).getResultList()
                                .map(attempts -> deliveries.stream().map(d -> new DeliveryView(toDomain(d), attempts.stream()
                                        .filter(a -> a.deliveryId.equals(d.id))
                                        .map(a -> new DeliveryAttempt(a.deliveryId, a.attemptNo, a.attemptedAt, a.statusCode, a.error,
                                                a.durationMs, a.success))
                                        .toList())).toList())));
    }

    private static WebhookDelivery toDomain(WebhookDeliveryEntity d) {
        return new WebhookDelivery(d.id, new WebhookId(d.webhookId), new CompanyId(d.companyId), d.eventId, d.eventType, d.body,
                WebhookDelivery.Status.valueOf(d.status), d.attempts, d.nextAttemptAt, d.lastStatusCode, d.lastError, d.createdAt,
                d.deliveredAt);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
