package com.truffle.ashby.domain;

import java.util.Objects;

/**
 * Ashby's AssessmentDataValue: identifier (unique within what we send), label (shown in Ashby), type, a value of
 * the JSON type that goes with it, and an optional description.
 */
public record DataValue(String identifier, String label, DataValueType type, Object value, String description) {

    public DataValue {
        require(identifier, "identifier");
        require(label, "label");
        Objects.requireNonNull(type, "type");
        if (!type.accepts(value)) {
            throw new IllegalArgumentException("a " + type.wireName() + " data value cannot hold " + value);
        }
    }

    public static DataValue of(String identifier, String label, DataValueType type, Object value) {
        return new DataValue(identifier, label, type, value, null);
    }

    private static void require(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a data value needs a non-empty " + name);
        }
    }
}
