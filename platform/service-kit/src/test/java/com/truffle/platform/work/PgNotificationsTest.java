package com.truffle.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.db.DatabaseBootstrap;
import com.truffle.platform.testing.TestInfrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * LISTEN connections go to the service's own database as the service's role, read from the datasource's settings
 * (the reactive URL as Quarkus writes it, with or without its {@code vertx-reactive:} prefix), and come back by
 * themselves when the connection drops.
 */
class PgNotificationsTest {

    static final String DATABASE = "truffle_kit_test";
    static final String ROLE = "truffle_kit";
    static final String CHANNEL = "kit_notifications";
    static final Duration WAIT = Duration.ofSeconds(10);
    static DatabaseBootstrap postgres;

    Vertx vertx;
    PgSubscriber subscriber;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void database() {
        postgres = TestInfrastructure.postgres();
        postgres.ensure(ROLE, ROLE, DATABASE);
    }

    @BeforeEach
    void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        vertx.closeAndAwait();
    }

    @Test
    void itListensOnTheDatasourcesDatabaseAsTheServicesRole() throws Exception {
        for (String url : List.of(url(), "vertx-reactive:" + url())) {
            subscriber = notifications(url, Optional.of(ROLE)).subscriber();
            subscriber.channel(CHANNEL).handler(received::add);
            subscriber.connect().await().atMost(WAIT);

            notify(CHANNEL, url);

            await().atMost(WAIT).until(() -> received.contains(url));
            assertThat(listeners()).as(url).containsExactly(ROLE);
            subscriber.close().await().atMost(WAIT);
            subscriber = null;
            await().atMost(WAIT).until(() -> listeners().isEmpty());
        }
    }

    @Test
    void theConfiguredUserIsTheOneThatLogsIn() {
        subscriber = notifications(url(), Optional.of("kit_no_such_role")).subscriber();

        assertThatThrownBy(() -> subscriber.connect().await().atMost(WAIT)).hasMessageContaining("kit_no_such_role");
    }

    @Test
    void withoutAUserSettingTheUrlsOwnIsUsed() throws Exception {
        subscriber = notifications("postgresql://" + ROLE + ":" + ROLE + "@" + postgres.host() + ":" + postgres.port() + "/" + DATABASE,
                Optional.empty()).subscriber();
        subscriber.channel(CHANNEL).handler(received::add);
        subscriber.connect().await().atMost(WAIT);

        assertThat(listeners()).containsExactly(ROLE);
    }

    @Test
    void aDroppedConnectionIsMadeAgainAndListensAgain() throws Exception {
        subscriber = notifications(url(), Optional.of(ROLE)).subscriber();
        subscriber.channel(CHANNEL).handler(received::add);
        subscriber.connect().await().atMost(WAIT);
        notify(CHANNEL, "before");
        await().atMost(WAIT).until(() -> received.contains("before"));

        try (Connection admin = postgres.connect(DATABASE); PreparedStatement kill = admin.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where usename = ? and query ilike ?")) {
            kill.setString(1, ROLE);
            kill.setString(2, "%LISTEN%" + CHANNEL + "%");
            try (ResultSet rs = kill.executeQuery()) {
                assertThat(rs.next()).as("the LISTEN connection").isTrue();
            }
        }

        // what is notified while it is away is lost (NOTIFY is not queued for a listener that is gone): keep notifying
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            notify(CHANNEL, "after");
            return received.contains("after");
        });
    }

    private PgNotifications notifications(String url, Optional<String> username) {
        PgNotifications notifications = new PgNotifications();
        notifications.vertx = vertx;
        notifications.url = url;
        notifications.username = username;
        notifications.password = username.map(ignored -> ROLE);
        return notifications;
    }

    private static String url() {
        return "postgresql://" + postgres.host() + ":" + postgres.port() + "/" + DATABASE;
    }

    private static List<String> listeners() throws SQLException {
        try (Connection c = postgres.connect(DATABASE); PreparedStatement ps = c.prepareStatement(
                "select usename from pg_stat_activity where datname = ? and query ilike ?")) {
            ps.setString(1, DATABASE);
            ps.setString(2, "%LISTEN%" + CHANNEL + "%");
            try (ResultSet rs = ps.executeQuery()) {
                List<String> users = new java.util.ArrayList<>();
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
                return users;
            }
        }
    }

    private static void notify(String channel, String payload) throws SQLException {
        try (Connection c = postgres.connect(DATABASE); PreparedStatement ps = c.prepareStatement("select pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, payload);
            ps.execute();
        }
    }
}
