package com.truffle.ashby.adapter.out.persistence;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Saving an aggregate's row: update the managed entity, or persist a new one; flushed, so conflicts surface here. */
final class EntityWrites {

    static <E> Uni<Void> upsert(Class<E> type, Object id, Supplier<E> fresh, Consumer<E> copy) {
        return Panache.getSession().chain(s -> s.find(type, id).chain(existing -> {
            E e = existing != null ? existing : fresh.get();
            copy.accept(e);
            return (existing != null ? Uni.createFrom().voidItem() : s.persist(e)).chain(s::flush);
        }));
    }

    private EntityWrites() {
    }
}
