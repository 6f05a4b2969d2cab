package com.truffle.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TestInfrastructure;

/**
 * Another replica publishing: holds the relay's advisory lock on the test database, so this application's relay
 * publishes nothing until {@link #close()} (its passes skip, {@code publishNow} waits). What a test appended meanwhile
 * stays in {@code outbox_event} to be read.
 */
final class RelayPause implements AutoCloseable {

    /** The relay's lock, as every replica takes it (OutboxRelay.LOCK_ID). */
    static final long LOCK_ID = 0x7275_6666_6c65L;

    private final Connection connection;

    RelayPause() {
        try {
            connection = TestInfrastructure.postgres().connect(TestDatabase.name());
            try (Statement st = connection.createStatement()) {
                // waits for a pass under way to end: after this, no pass of the relay publishes until close()
                st.execute("select pg_advisory_lock(" + LOCK_ID + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (connection; Statement st = connection.createStatement()) {
            st.execute("select pg_advisory_unlock(" + LOCK_ID + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
