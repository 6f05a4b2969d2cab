package com.truffle.gateway.domain.routing;

import java.util.List;

/**
 * The services behind the gateway (their base URLs come from configuration: KEY_SERVICE_URL, …), and who an internal
 * JWT sent to each is for ({@code aud}): the service itself, plus the one it calls on the caller's behalf with that
 * very token (key-service asks access-request-service about the admin's access; the connector has key-service issue
 * the partner key for the admin). Each service accepts only tokens naming it, so a token that leaks from one service
 * cannot be played against another.
 */
public enum Upstream {
    KEY_SERVICE("key-service", "access-request-service"),
    ACCESS_SERVICE("access-request-service"),
    SCREENING_SERVICE("screening-service"),
    ASHBY_CONNECTOR("ashby-connector-service", "key-service");

    private final String serviceName;
    private final List<String> audiences;

    Upstream(String serviceName, String... onBehalfOf) {
        this.serviceName = serviceName;
        List<String> all = new java.util.ArrayList<>(List.of(serviceName));
        all.addAll(List.of(onBehalfOf));
        this.audiences = List.copyOf(all);
    }

    public String serviceName() {
        return serviceName;
    }

    /** The {@code aud} of an internal JWT for this service. */
    public List<String> audiences() {
        return audiences;
    }
}
