package com.truffle.platform.web;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answer of an idempotent create (a second click, a retried request): always the contract's 201 with the
 * resource, and {@code Idempotent-Replayed: true} when it already existed and nothing new was made — the header
 * Stripe's API uses for the same purpose, so a client can tell the two apart without a different status.
 */
public final class IdempotentCreate {

    public static final String REPLAYED = "Idempotent-Replayed";

    public static <T> RestResponse<T> created(boolean isNew, T body) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, body);
        if (!isNew) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    private IdempotentCreate() {
    }
}
