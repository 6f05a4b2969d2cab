package com.truffle.ashby.domain;

/** The five data-value types Ashby accepts (reference §4.1), each with the JSON type its value must have. */
public enum DataValueType {
    NUMERIC_SCORE("numeric_score"),
    NUMERIC_DURATION_MINUTES("numeric_duration_minutes"),
    URL("url"),
    STRING("string"),
    BOOLEAN_SUCCESS("boolean_success");

    private final String wireName;

    DataValueType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean accepts(Object value) {
        return switch (this) {
            case NUMERIC_SCORE, NUMERIC_DURATION_MINUTES -> value instanceof Number;
            case BOOLEAN_SUCCESS -> value instanceof Boolean;
            case URL, STRING -> value instanceof String s && !s.isEmpty();
        };
    }
}
