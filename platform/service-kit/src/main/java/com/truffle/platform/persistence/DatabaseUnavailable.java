package com.truffle.platform.persistence;

import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Whether a failure means "the database is not answering right now" (down, restarting, recovering, out of
 * connections, the connection refused or reset) rather than "this request or this record is wrong": a request then gets a 503 problem with
 * Retry-After, and a consumer retries the record instead of giving it up. Found anywhere in the cause chain
 * (Hibernate and Mutiny wrap the driver's exception).
 */
public final class DatabaseUnavailable {

    /** How long a caller is asked to wait (Retry-After) before trying again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public static boolean is(Throwable failure) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (failure != null) {
            todo.push(failure);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SocketException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && unavailable(pg.getSqlState())) {
                return true;
            }
            if (t instanceof CompositeException composite) {
                composite.getCauses().stream().filter(java.util.Objects::nonNull).forEach(todo::push);
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes that say nothing about the statement: 08 connection exception, 57P01-57P03 admin/crash
     * shutdown and "cannot connect now" (starting up, recovering), 53300 too many connections.
     */
    static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03") || sqlState.equals("53300"));
    }

    private DatabaseUnavailable() {
    }
}
