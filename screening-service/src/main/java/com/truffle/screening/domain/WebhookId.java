package com.truffle.screening.domain;

import java.util.Objects;
import java.util.UUID;

public record WebhookId(UUID value) {

    public WebhookId {
        Objects.requireNonNull(value, "webhook id");
    }

    public static WebhookId random() {
        return new WebhookId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a body; anything that is not a uuid is "not found". */
    public static WebhookId parse(String value) {
        return new WebhookId(Ids.uuid(value, "webhook"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
