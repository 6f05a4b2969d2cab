package com.truffle.gateway.domain.routing;

/** The services behind the gateway (their base URLs come from configuration: KEY_SERVICE_URL, …). */
public enum Upstream {
    KEY_SERVICE("key-service"),
    ACCESS_SERVICE("access-request-service"),
    SCREENING_SERVICE("screening-service"),
    ASHBY_CONNECTOR("ashby-connector-service");

    private final String serviceName;

    Upstream(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
