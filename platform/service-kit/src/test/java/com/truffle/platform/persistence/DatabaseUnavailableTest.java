package com.truffle.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class DatabaseUnavailableTest {

    static PgException pg(String sqlState) {
        return new PgException("message", "FATAL", sqlState, null);
    }

    @Test
    void aServerThatIsDownRestartingOrFullIsUnavailable() {
        assertThat(DatabaseUnavailable.is(new ConnectException("Connection refused: /127.0.0.1:5432"))).isTrue();
        assertThat(DatabaseUnavailable.is(new java.net.SocketException("Connection reset"))).isTrue();
        assertThat(DatabaseUnavailable.is(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DatabaseUnavailable.is(pg("57P03"))).as("starting up / recovering").isTrue();
        assertThat(DatabaseUnavailable.is(pg("57P01"))).as("admin shutdown").isTrue();
        assertThat(DatabaseUnavailable.is(pg("08006"))).as("connection failure").isTrue();
        assertThat(DatabaseUnavailable.is(pg("53300"))).as("too many connections").isTrue();
    }

    @Test
    void foundThroughTheWrappersHibernateAndMutinyAdd() {
        Throwable wrapped = new CompletionException(new IllegalStateException("HR000...", new ConnectException("refused")));
        assertThat(DatabaseUnavailable.is(wrapped)).isTrue();
        assertThat(DatabaseUnavailable.is(new CompositeException(new IllegalStateException("rollback failed"), pg("57P01")))).isTrue();
    }

    @Test
    void whatTheStatementOrTheDataGotWrongIsNot() {
        assertThat(DatabaseUnavailable.is(pg("23505"))).as("unique violation").isFalse();
        assertThat(DatabaseUnavailable.is(pg("40001"))).as("serialization failure").isFalse();
        assertThat(DatabaseUnavailable.is(pg("42P01"))).as("undefined table").isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalArgumentException("bad input"))).isFalse();
        assertThat(DatabaseUnavailable.is(null)).isFalse();
        Throwable loop = new RuntimeException("a");
        loop.initCause(new RuntimeException("b", loop));
        assertThat(DatabaseUnavailable.is(loop)).as("a cause cycle ends").isFalse();
    }
}
