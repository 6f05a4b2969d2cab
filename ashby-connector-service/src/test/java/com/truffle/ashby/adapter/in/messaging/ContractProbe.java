package com.truffle.ashby.adapter.in.messaging;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Opens the consumers' decoders (package-private) to the contract test, in the same package. */
public final class ContractProbe {

    public static Optional<String> accessPlan(String json, ObjectMapper mapper) {
        return AccessEventConsumer.decode(json, Instant.now(), mapper).map(Object::toString);
    }

    /** The decoded form's simple name and content, e.g. "Completed[...]"; "Ignored" when not understood or not followed. */
    public static String screening(String type, String json, ObjectMapper mapper) {
        var decoded = ScreeningEventConsumer.decode(type, json, Instant.now(), mapper);
        return decoded instanceof ScreeningEventConsumer.Decoded.Ignored ? "Ignored" : decoded.toString();
    }

    public static Optional<String> key(String json, ObjectMapper mapper) {
        return KeyEventConsumer.decode(json, mapper).map(Object::toString);
    }

    private ContractProbe() {
    }
}
