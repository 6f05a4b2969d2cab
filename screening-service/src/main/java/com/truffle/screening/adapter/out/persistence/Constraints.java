package com.truffle.screening.adapter.out.persistence;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/** Turns a unique-constraint violation the database reported at flush into the domain's answer. */
final class Constraints {

    static boolean violated(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static <T> Function<Throwable, Uni<? extends T>> map(String constraint, Function<Throwable, RuntimeException> answer) {
        return e -> Uni.createFrom().<T>failure(violated(e, constraint) ? answer.apply(e) : e);
    }

    private Constraints() {
    }
}
