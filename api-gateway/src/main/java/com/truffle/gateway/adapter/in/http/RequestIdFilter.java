package com.truffle.gateway.adapter.in.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Every response carries {@code X-Request-Id}, the gateway's own errors and {@code /q/*} included: a well-formed
 * incoming id is kept (so a client can correlate), else a new one is made. The same id goes to the service.
 */
@ApplicationScoped
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    static final String KEY = "truffle.request-id";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = rc.request().getHeader(HEADER);
            if (!isSafe(id)) {
                id = newId();
            }
            rc.put(KEY, id);
            rc.response().headers().set(HEADER, id);
            rc.next();
        }, 1000);
    }

    static String of(RoutingContext rc) {
        String id = rc.get(KEY);
        return id != null ? id : newId();
    }

    /** Same charset and length as the services' (service-kit RequestIds): ids pass through them unchanged. */
    static boolean isSafe(String id) {
        if (id == null || id.length() < 8 || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A random (version 4 shaped) UUID without SecureRandom's cost: it correlates, it protects nothing. */
    static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
