package com.truffle.screening.domain;

import java.util.UUID;

/** Reading a typed id from a URL or a body: anything that is not a uuid names nothing, so it is "not found". */
final class Ids {

    static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (RuntimeException e) {
            throw ScreeningRuleViolation.notFound(what, value);
        }
    }

    private Ids() {
    }
}
