package com.truffle.screening.adapter.out.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.truffle.screening.domain.Page;
import com.truffle.screening.domain.ScreeningRuleViolation;

/**
 * An opaque keyset cursor: the last row's (time, id) in a list ordered by (time, id). Rows only ever join a
 * list after the rows already there (their time is "now"), so walking pages never skips or repeats a row that
 * existed when the walk began, however many are added meanwhile.
 */
record Keyset(Instant at, UUID id) {

    /** The HQL condition for "after the cursor", on {@code alias.timeField} and {@code alias.id}. */
    static String after(String alias, String timeField) {
        return " and (" + alias + "." + timeField + " > :cursorAt or (" + alias + "." + timeField + " = :cursorAt and "
                + alias + ".id > :cursorId))";
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1|" + at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Keyset parse(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException();
            }
            return new Keyset(Instant.parse(parts[1]), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new ScreeningRuleViolation(ScreeningRuleViolation.Rule.INVALID_CURSOR, "cursor",
                    "The cursor is not one this API issued; start again without it.");
        }
    }

    /** {@code rows} were fetched with limit + 1: the extra row only says there is a next page. */
    static <E, T> Page<T> page(List<E> rows, int limit, Function<E, Keyset> key, Function<E, T> map) {
        boolean more = rows.size() > limit;
        List<E> page = more ? rows.subList(0, limit) : rows;
        String next = more ? key.apply(page.get(limit - 1)).encode() : null;
        return new Page<>(page.stream().map(map).toList(), next);
    }
}
