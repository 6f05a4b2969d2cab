package com.truffle.screening.adapter.out.persistence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.truffle.screening.domain.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The two shapes every persistence adapter here repeats: insert-or-update an entity, and a keyset-paged list. */
final class Rows {

    /** Loads the row (or makes a new one), copies the domain state into it, flushes (constraints fail here). */
    static <E> Uni<Void> upsert(Class<E> type, Object id, Supplier<E> create, Consumer<E> copy) {
        return Panache.getSession().chain(s -> s.find(type, id).chain(existing -> {
            E e = existing != null ? existing : create.get();
            copy.accept(e);
            return (existing != null ? Uni.createFrom().voidItem() : s.persist(e)).chain(s::flush);
        }));
    }

    /**
     * A keyset-paged HQL list: {@code from <Entity> x where <conditions>} plus the cursor condition on
     * {@code (timeField, id)}, ordered by them, one row more than the page to know whether another follows.
     */
    static final class PagedQuery<E> {
        private final Class<E> type;
        private final String alias;
        private final String timeField;
        private final StringBuilder hql;
        private final Map<String, Object> params = new LinkedHashMap<>();

        PagedQuery(Class<E> type, String alias, String timeField) {
            this.type = type;
            this.alias = alias;
            this.timeField = timeField;
            this.hql = new StringBuilder("from " + type.getSimpleName() + " " + alias + " where 1 = 1");
        }

        /** Adds {@code condition} (naming {@code :name}) when the value is present. */
        PagedQuery<E> where(String condition, String name, Optional<?> value) {
            value.ifPresent(v -> {
                hql.append(" and ").append(condition);
                params.put(name, v);
            });
            return this;
        }

        <T> Uni<Page<T>> page(Optional<String> cursor, int limit, Function<E, Keyset> key, Function<E, T> map) {
            Optional<Keyset> after = cursor.map(Keyset::parse);
            after.ifPresent(c -> {
                hql.append(Keyset.after(alias, timeField));
                params.put("cursorAt", c.at());
                params.put("cursorId", c.id());
            });
            hql.append(" order by ").append(alias).append('.').append(timeField).append(", ").append(alias).append(".id");
            return Panache.getSession().chain(s -> {
                var q = s.createSelectionQuery(hql.toString(), type).setMaxResults(limit + 1);
                params.forEach(q::setParameter);
                return q.getResultList();
            }).map(rows -> Keyset.page(rows, limit, key, map));
        }
    }

    private Rows() {
    }
}
