package com.truffle.access.adapter.out.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.access.application.port.out.LoadAccessRequestPort;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessRequestPage;
import com.truffle.access.domain.AccessRuleViolation;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
class AccessRequestPersistenceAdapter implements LoadAccessRequestPort {

    @Override
    public Uni<Optional<AccessRequest>> byId(AccessRequestId id) {
        return Panache.getSession().chain(s -> s.find(AccessRequestEntity.class, id.value()))
                .map(e -> Optional.ofNullable(e).map(AccessMapper::toDomain));
    }

    @Override
    public Uni<AccessRequestPage> page(Optional<AccessStatus> status, Optional<String> cursor, int limit) {
        Optional<Cursor> after = cursor.map(Cursor::parse);
        StringBuilder hql = new StringBuilder("from AccessRequestEntity r where 1 = 1");
        if (status.isPresent()) {
            hql.append(" and r.status = :status");
        }
        if (after.isPresent()) {
            hql.append(" and (r.requestedAt > :at or (r.requestedAt = :at and r.id > :id))");
        }
        hql.append(" order by r.requestedAt, r.id");
        return Panache.getSession().chain(s -> {
            var q = s.createSelectionQuery(hql.toString(), AccessRequestEntity.class).setMaxResults(limit + 1);
            status.ifPresent(st -> q.setParameter("status", st.name()));
            after.ifPresent(c -> q.setParameter("at", c.at()).setParameter("id", c.id()));
            return q.getResultList();
        }).map(rows -> {
            boolean more = rows.size() > limit;
            List<AccessRequestEntity> page = more ? rows.subList(0, limit) : rows;
            String next = more ? new Cursor(page.get(limit - 1).requestedAt, page.get(limit - 1).id).encode() : null;
            return new AccessRequestPage(page.stream().map(AccessMapper::toDomain).toList(), next);
        });
    }

    @Override
    public Uni<List<AccessRequest>> ofCompany(CompanyId companyId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "from AccessRequestEntity r where r.companyId = :c order by r.requestedAt, r.id", AccessRequestEntity.class)
                .setParameter("c", companyId.value()).getResultList())
                .map(rows -> rows.stream().map(AccessMapper::toDomain).toList());
    }

    /** An opaque keyset cursor: the last row's (requested_at, id). */
    record Cursor(Instant at, UUID id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((at.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String s) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new AccessRuleViolation(AccessRuleViolation.Rule.INVALID_CURSOR, "The cursor is not one we issued.");
            }
        }
    }
}
