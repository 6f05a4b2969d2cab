package com.truffle.ashby.adapter.out.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.truffle.ashby.application.port.out.DeliveryQueuePort;
import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.AssessmentUpdate;
import com.truffle.ashby.domain.ClaimedDelivery;
import com.truffle.ashby.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The delivery outbox table. Order per assessment is the id order; the head of an assessment (its oldest pending row)
 * is the only row of it that can be claimed, and only while nobody holds its lease: one in flight, strictly in order.
 */
@ApplicationScoped
class DeliveryQueuePersistenceAdapter implements DeliveryQueuePort {

    /** The stored form of an update: our own, stable whatever the application's JSON settings are. */
    private static final ObjectMapper STORED = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final String ENQUEUE = "insert into ashby_delivery (company_id, assessment_id, body, status, attempts, "
            + "next_attempt_at, created_at) values (:company, :assessment, :body, 'PENDING', 0, now(), now())";

    private static final String CLAIM = """
            with heads as (
                select distinct on (d.assessment_id) d.id, d.company_id, d.next_attempt_at, d.lease_until
                from ashby_delivery d
                where d.status = 'PENDING'
                order by d.assessment_id, d.id
            ), ready as (
                select h.id, h.next_attempt_at,
                       row_number() over (partition by h.company_id order by h.next_attempt_at, h.id) as rank_in_company
                from heads h join ashby_connection c on c.company_id = h.company_id
                where h.next_attempt_at <= now()
                  and (h.lease_until is null or h.lease_until < now())
                  and c.status in ('CONNECTED', 'DEGRADED', 'ACTION_NEEDED') and not c.deliveries_held
                  and h.company_id not in (:excluded)
            ), picked as (
                select id from ready where rank_in_company = 1 order by next_attempt_at, id limit :max
            )
            update ashby_delivery d set lease_until = now() + make_interval(secs => :leaseSeconds), lease_owner = :owner
            from picked p
            where d.id = p.id and d.status = 'PENDING' and (d.lease_until is null or d.lease_until < now())
            returning d.id, d.company_id, d.assessment_id, d.body, d.attempts, d.failing_since
            """;

    @Override
    public Uni<Void> enqueue(CompanyId companyId, AssessmentUpdate update) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ENQUEUE)
                .setParameter("company", companyId.value())
                .setParameter("assessment", UUID.fromString(update.assessmentId()))
                .setParameter("body", write(update))
                .executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<List<ClaimedDelivery>> claimDue(int max, Set<CompanyId> excluded, Duration lease, String owner) {
        List<String> skip = new ArrayList<>();
        excluded.forEach(c -> skip.add(c.value()));
        if (skip.isEmpty()) {
            skip.add(""); // no company has an empty id; "not in ()" is not SQL
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(CLAIM, Object[].class)
                .setParameter("excluded", skip)
                .setParameter("max", max)
                .setParameter("leaseSeconds", lease.toMillis() / 1000.0)
                .setParameter("owner", owner)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new ClaimedDelivery(((Number) r[0]).longValue(), new CompanyId((String) r[1]),
                        new AssessmentId((UUID) r[2]), read((String) r[3]), ((Number) r[4]).intValue(), instant(r[5]))).toList());
    }

    @Override
    public Uni<Void> delivered(long id) {
        return update("update ashby_delivery set status = 'DELIVERED', delivered_at = now(), attempts = attempts + 1, "
                + "lease_until = null, lease_owner = null, last_error = null where id = :id", id, null);
    }

    @Override
    public Uni<Void> retryLater(long id, Duration delay, String error) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update ashby_delivery set attempts = attempts + 1, "
                + "next_attempt_at = now() + make_interval(secs => :delay), failing_since = coalesce(failing_since, now()), "
                + "lease_until = null, lease_owner = null, last_error = :error where id = :id")
                .setParameter("delay", delay.toMillis() / 1000.0)
                .setParameter("error", clip(error))
                .setParameter("id", id)
                .executeUpdate()).replaceWithVoid();
    }

    @Override
    public Uni<Void> holdForAdmin(long id, String error) {
        return update("update ashby_delivery set attempts = attempts + 1, next_attempt_at = now(), lease_until = null, "
                + "lease_owner = null, last_error = :error where id = :id", id, error);
    }

    @Override
    public Uni<Void> failed(long id, String error) {
        return update("update ashby_delivery set status = 'FAILED', attempts = attempts + 1, lease_until = null, "
                + "lease_owner = null, last_error = :error where id = :id", id, error);
    }

    @Override
    public Uni<Void> release(long id) {
        return update("update ashby_delivery set lease_until = null, lease_owner = null where id = :id", id, null);
    }

    @Override
    public Uni<Void> discard(long id, String why) {
        return update("update ashby_delivery set status = 'DISCARDED', lease_until = null, lease_owner = null, "
                + "last_error = :error where id = :id and status = 'PENDING'", id, why);
    }

    @Override
    public Uni<Boolean> othersFailing(CompanyId companyId, long exceptId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from ashby_delivery where company_id = :company "
                + "and status = 'PENDING' and attempts > 0 and id <> :id", Long.class)
                .setParameter("company", companyId.value()).setParameter("id", exceptId).getSingleResult())
                .map(n -> n > 0);
    }

    @Override
    public Uni<Void> resume(CompanyId companyId) {
        return byCompany("update ashby_delivery set attempts = 0, next_attempt_at = now(), failing_since = null "
                + "where company_id = :company and status = 'PENDING'", companyId, null);
    }

    @Override
    public Uni<Void> discardPending(CompanyId companyId, String why) {
        return byCompany("update ashby_delivery set status = 'DISCARDED', lease_until = null, lease_owner = null, "
                + "last_error = :error where company_id = :company and status = 'PENDING'", companyId, why);
    }

    @Override
    public Uni<Void> releaseClaims(String owner) {
        return execute("update ashby_delivery set lease_until = null, lease_owner = null where lease_owner = :owner "
                + "and status = 'PENDING'", "owner", owner, null);
    }

    private Uni<Void> update(String sql, long id, String error) {
        return execute(sql, "id", id, error);
    }

    private Uni<Void> byCompany(String sql, CompanyId companyId, String error) {
        return execute(sql, "company", companyId.value(), error);
    }

    /** One statement keyed by {@code name}; {@code :error} is bound only where the statement has it. */
    private static Uni<Void> execute(String sql, String name, Object value, String error) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql).setParameter(name, value);
            if (sql.contains(":error")) {
                q.setParameter("error", clip(error));
            }
            return q.executeUpdate();
        }).replaceWithVoid();
    }

    /** A timestamptz column as the reactive driver returns it. */
    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }

    private static String clip(String error) {
        return error == null ? "" : error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    static String write(AssessmentUpdate update) {
        try {
            return STORED.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an assessment update could not be stored", e);
        }
    }

    static AssessmentUpdate read(String body) {
        try {
            return STORED.readValue(body, AssessmentUpdate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored assessment update could not be read", e);
        }
    }
}
