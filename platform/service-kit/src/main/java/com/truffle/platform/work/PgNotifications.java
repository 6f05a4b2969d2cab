package com.truffle.platform.work;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** LISTEN connections to the service's own database (the datasource's address and credentials). */
@ApplicationScoped
public class PgNotifications {

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    /** A subscriber that reconnects by itself (every second) when the connection drops. */
    public PgSubscriber subscriber() {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    }

    public Vertx vertx() {
        return vertx;
    }
}
