package com.truffle.screening.adapter.out.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.screening.application.port.out.WebhookDeliveryPort;
import com.truffle.screening.application.port.out.WebhookPort;
import com.truffle.screening.domain.ClaimedDelivery;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.DeliveryAttempt;
import com.truffle.screening.domain.TestDeliveryLimit;
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

    /** Claims are serialised across replicas (a few milliseconds each), so "one in flight per endpoint" holds for all. */
    private static final String CLAIM_LOCK = "select 1 from (select pg_advisory_xact_lock(hashtext('truffle:webhook-delivery-claim'))) l";

    /**
     * Due, unleased deliveries: the oldest of each endpoint that has none in flight (one call at a time per endpoint);
     * per company at most its free share ({@code :perCompany} minus its calls in flight here, {@code :inFlight} as
     * JSON {company: n}, bound as text: a parameter PostgreSQL types as jsonb gets a Java string as a JSON string); company by company (every company's first before anyone's second) up to {@code :max}. The
     * lease is the claim: {@code leased_until} in the future keeps every other worker off the row; when it passes
     * (the process died mid-call) the delivery is due again.
     */
    private static final String CLAIM = """
            with candidate as (
                select distinct on (d.webhook_id) d.id, d.company_id, d.next_attempt_at
                from webhook_delivery d
                where d.status = 'PENDING' and d.next_attempt_at <= now()
                  and (d.leased_until is null or d.leased_until < now())
                  and not exists (select 1 from webhook_delivery o where o.webhook_id = d.webhook_id
                                  and o.status = 'PENDING' and o.leased_until >= now())
                order by d.webhook_id, d.next_attempt_at, d.id
            ), ranked as (
                select c.id, c.next_attempt_at,
                       row_number() over (partition by c.company_id order by c.next_attempt_at, c.id) as rank_in_company,
                       :perCompany - coalesce(cast(cast(cast(:inFlight as text) as jsonb) ->> c.company_id as integer), 0) as room
                from candidate c
            ), picked as (
                select r.id from ranked r where r.rank_in_company <= r.room
                order by r.rank_in_company, r.next_attempt_at, r.id
                limit :max
            ), locked as (
                select d.id from webhook_delivery d join picked p on p.id = d.id
                where d.status = 'PENDING' and (d.leased_until is null or d.leased_until < now())
                for update of d skip locked
            )
            update webhook_delivery d set leased_until = now() + make_interval(secs => :leaseSeconds)
            from locked l where d.id = l.id
            returning d.id
            """;

    private static final String TEST_LOCK = "select 1 from (select pg_advisory_xact_lock(hashtext(:key))) l";

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
    public Uni<Optional<Webhook>> lockAndLoad(WebhookId webhookId) {
        return Panache.getSession().chain(s -> s.find(WebhookEntity.class, webhookId.value(), LockModeType.PESSIMISTIC_WRITE)
                .chain(e -> e == null || e.deletedAt != null ? Uni.createFrom().item(Optional.<Webhook>empty())
                        : toDomain(s, e).map(Optional::of)));
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

    @Override
    public Uni<ResealPass> resealSecrets(Optional<WebhookId> after, int max) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from WebhookEntity w where w.id > :after order by w.id", WebhookEntity.class)
                // PostgreSQL orders uuids as unsigned bytes: the nil uuid is the least (Java's signed minimum is mid-way)
                .setParameter("after", after.map(WebhookId::value).orElse(new UUID(0L, 0L)))
                .setMaxResults(max).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                .chain(rows -> {
                    int resealed = 0;
                    for (WebhookEntity e : rows) {
                        if (secrets.needsReseal(e.secret)) {
                            e.secret = secrets.resealText(e.secret, context(new CompanyId(e.companyId), new WebhookId(e.id)));
                            resealed++;
                        }
                    }
                    Optional<WebhookId> last = rows.size() < max ? Optional.empty()
                            : Optional.of(new WebhookId(rows.get(rows.size() - 1).id));
                    int n = resealed;
                    return s.flush().replaceWith(new ResealPass(last, n));
                }));
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
    public Uni<List<ClaimedDelivery>> claimDue(int max, int perCompany, Map<CompanyId, Integer> inFlight, Duration lease) {
        Map<String, Integer> busy = new LinkedHashMap<>();
        inFlight.forEach((company, n) -> busy.put(company.value(), n));
        return Panache.getSession().chain(s -> s.createNativeQuery(CLAIM_LOCK).getSingleResult()
                .chain(locked -> s.createNativeQuery(CLAIM, UUID.class)
                        .setParameter("perCompany", perCompany)
                        .setParameter("inFlight", write(busy))
                        .setParameter("max", max)
                        .setParameter("leaseSeconds", lease.toMillis() / 1000.0)
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<ClaimedDelivery>of()) : s.createSelectionQuery(
                        "from WebhookDeliveryEntity d where d.id in :ids order by d.nextAttemptAt, d.id", WebhookDeliveryEntity.class)
                        .setParameter("ids", ids).getResultList()
                        .chain(rows -> withEndpoints(s, rows))));
    }

    private Uni<List<ClaimedDelivery>> withEndpoints(Mutiny.Session s, List<WebhookDeliveryEntity> rows) {
        Uni<List<ClaimedDelivery>> all = Uni.createFrom().item(new ArrayList<>());
        for (WebhookDeliveryEntity d : rows) {
            all = all.chain(list -> s.find(WebhookEntity.class, d.webhookId).chain(w -> toDomain(s, w)).map(w -> {
                list.add(new ClaimedDelivery(toDomain(d), w, d.leasedUntil));
                return list;
            }));
        }
        return all;
    }

    @Override
    public Uni<Boolean> record(WebhookDelivery delivery, DeliveryAttempt attempt, Instant leasedUntil) {
        return Panache.getSession().chain(s -> s.find(WebhookDeliveryEntity.class, delivery.id(), LockModeType.PESSIMISTIC_WRITE)
                .chain(e -> {
                    if (e == null || !WebhookDelivery.Status.PENDING.name().equals(e.status) || !Objects.equals(e.leasedUntil, leasedUntil)) {
                        return Uni.createFrom().item(false);
                    }
                    e.status = delivery.status().name();
                    e.attempts = delivery.attempts();
                    e.nextAttemptAt = delivery.nextAttemptAt();
                    e.lastStatusCode = delivery.lastStatusCode();
                    e.lastError = delivery.lastError();
                    e.deliveredAt = delivery.deliveredAt();
                    e.leasedUntil = null;
                    if (attempt == null) {
                        return s.flush().replaceWith(true);
                    }
                    WebhookAttemptEntity a = new WebhookAttemptEntity();
                    a.deliveryId = attempt.deliveryId();
                    a.attemptNo = attempt.attemptNo();
                    a.attemptedAt = attempt.attemptedAt();
                    a.statusCode = attempt.statusCode();
                    a.error = attempt.error();
                    a.durationMs = attempt.durationMillis();
                    a.success = attempt.success();
                    return s.persist(a).chain(s::flush).replaceWith(true);
                }));
    }

    @Override
    public Uni<List<TestDeliveryLimit.Sent>> lockRecentTests(CompanyId companyId, Instant since) {
        return Panache.getSession().chain(s -> s.createNativeQuery(TEST_LOCK)
                .setParameter("key", "truffle:webhook-test:" + companyId.value()).getSingleResult()
                .chain(locked -> s.createSelectionQuery("from WebhookDeliveryEntity d where d.companyId = :company "
                        + "and d.eventType = 'WebhookTest' and d.createdAt > :since", WebhookDeliveryEntity.class)
                        .setParameter("company", companyId.value()).setParameter("since", since).getResultList()))
                .map(rows -> rows.stream().map(d -> new TestDeliveryLimit.Sent(new WebhookId(d.webhookId), d.createdAt)).toList());
    }

    @Override
    public Uni<Void> abandonPending(WebhookId webhookId, String reason) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update webhook_delivery set status = 'FAILED', "
                + "next_attempt_at = null, leased_until = null, last_error = :reason where webhook_id = :id and status = 'PENDING'")
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
