package com.truffle.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Processed ids are forgotten once no topic can redeliver their event (topics keep 7 days, ids are kept 14): the
 * older ones go, the ones still inside the window stay, whoever consumed them.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class InboxRetentionTest {

    @Inject
    InboxRetention retention;

    @Test
    void idsOlderThanTheRetentionAreForgottenAndYoungerOnesKept() {
        String consumer = "kit-retention-" + UUID.randomUUID().toString().substring(0, 8);
        String old = mark(consumer, "15 days");
        String justOutside = mark(consumer, "14 days 1 minute");
        String justInside = mark(consumer, "13 days 23 hours");
        String fresh = mark(consumer, "0 seconds");
        String otherConsumersOld = mark(consumer + "-other", "30 days");

        retention.purge();

        await().atMost(Duration.ofSeconds(10)).until(() -> !exists(consumer + "-other", otherConsumersOld));
        assertThat(exists(consumer, old)).isFalse();
        assertThat(exists(consumer, justOutside)).isFalse();
        assertThat(exists(consumer, justInside)).as("a redelivery may still come: keep it").isTrue();
        assertThat(exists(consumer, fresh)).isTrue();
    }

    static String mark(String consumer, String age) {
        String id = UUID.randomUUID().toString();
        TestDatabase.query("insert into processed_event (consumer, event_id, event_type, processed_at) "
                + "values (?, ?, 'KitChanged', now() - ?::interval) returning event_id", consumer, id, age);
        return id;
    }

    static boolean exists(String consumer, String id) {
        return TestDatabase.count("select count(*) from processed_event where consumer = ? and event_id = ?", consumer, id) == 1;
    }
}
