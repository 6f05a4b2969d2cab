package com.truffle.gateway.domain.forwarding;

import java.util.Locale;
import java.util.Set;

/**
 * Which incoming headers never reach a service: any credential and anything that could pass for an identity
 * the gateway asserts (DESIGN §2: services trust only the gateway's internal JWT). The gateway sets its own
 * Authorization, X-Request-Id, traceparent and X-Forwarded-* after removing these.
 */
public final class ForwardingPolicy {

    private static final Set<String> NAMES = Set.of(
            "authorization", "proxy-authorization", "cookie",
            "x-request-id", "traceparent",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-forwarded-prefix", "x-real-ip", "x-client-ip",
            "x-forwarded-user", "x-forwarded-email", "x-forwarded-groups", "x-forwarded-preferred-username",
            "x-forwarded-access-token", "x-remote-user", "remote-user", "x-user", "x-user-id", "x-username",
            "x-email", "x-groups", "x-roles", "x-company-id", "x-tenant-id", "x-principal", "x-api-key",
            "x-authenticated-user", "x-authenticated-userid", "x-consumer-id", "x-consumer-username",
            "x-credential-identifier", "x-jwt", "x-id-token", "x-access-token");
    private static final String[] PREFIXES = {"x-truffle-", "x-internal-", "x-auth-request-", "x-amzn-oidc-", "x-goog-authenticated-"};

    /** Whether the incoming header {@code name} must be removed before forwarding. */
    public static boolean strips(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(n)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (n.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private ForwardingPolicy() {
    }
}
