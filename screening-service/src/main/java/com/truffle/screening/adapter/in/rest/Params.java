package com.truffle.screening.adapter.in.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.truffle.platform.problem.Problem;
import com.truffle.platform.problem.ProblemType;
import com.truffle.platform.problem.ProblemException;

/** Query parameters read strictly: a value that does not parse is a 400 naming the parameter. */
final class Params {

    static <T> Optional<T> optional(String name, String value, Function<UUID, T> id) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(id.apply(UUID.fromString(value.strip())));
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be an id (uuid)");
        }
    }

    static <E extends Enum<E>> Optional<E> optionalEnum(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.strip()));
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO-8601 instant with an offset, e.g. 2026-01-31T09:00:00Z. */
    static Optional<Instant> optionalInstant(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
        } catch (RuntimeException e) {
            throw invalid(name, "must be an ISO-8601 date-time with an offset, e.g. 2026-01-31T09:00:00Z");
        }
    }

    static Optional<String> optionalText(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    static ProblemException invalid(String name, String message) {
        return ProblemType.INVALID_PARAMETER.problem("Parameter '" + name + "' " + message + ".")
                .withErrors(List.of(new Problem.FieldError(name, message))).toException();
    }

    private Params() {
    }
}
