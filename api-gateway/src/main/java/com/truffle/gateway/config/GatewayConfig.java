package com.truffle.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the gateway can be told (application.properties maps the environment of docs/contracts.md onto it;
 * any key can also be set as {@code TRUFFLE_GATEWAY_…}). Secrets have no default in %prod.
 */
@ConfigMapping(prefix = "truffle.gateway")
public interface GatewayConfig {

    Upstreams upstreams();

    /** Base64 (or text) of at least 32 bytes: the HMAC pepper shared with key-service (TRUFFLE_KEY_PEPPER). */
    String keyPepper();

    InternalJwt internalJwt();

    Kafka kafka();

    ClientLimits clientLimits();

    KeyLookup keyLookup();

    RateLimit rateLimit();

    Usage usage();

    Browser browser();

    Oidc oidc();

    interface Browser {
        /** The URL people open (TRUFFLE_PUBLIC_URL): sign-in callback, the origin state changes must come from, https → Secure cookies. */
        String publicUrl();

        /** Base64 of at least 32 bytes (TRUFFLE_SESSION_SECRET), the same on every replica: seals the session cookie. */
        String sessionSecret();

        /** The longest a browser session lasts, whatever the ID token's expiry. */
        @WithDefault("PT8H")
        Duration sessionMaxLifetime();

        /** How long a sign-in may take at the identity provider. */
        @WithDefault("PT10M")
        Duration loginLifetime();

        @WithDefault("truffle.gateway.sessions.v1")
        String endedSessionsTopic();
    }

    interface Oidc {
        /** The OpenID provider's issuer URL (TRUFFLE_IDP_ISSUER); discovery reads {@code <issuer>/.well-known/openid-configuration}. */
        String issuer();

        @WithDefault("truffle-gateway")
        String clientId();

        /** A confidential client's secret (TRUFFLE_OIDC_CLIENT_SECRET); none: a public client with PKCE. */
        Optional<String> clientSecret();

        @WithDefault("openid,profile,email")
        List<String> scopes();

        /** The ID-token claims with the company, the groups and the display name (they differ between providers). */
        @WithDefault("company_id")
        String companyClaim();

        @WithDefault("groups")
        String groupsClaim();

        @WithDefault("name")
        String nameClaim();
    }

    interface Upstreams {
        String keyService();

        String accessService();

        String screeningService();

        String ashbyConnector();

        /** How long a service may stay silent (no byte) before the gateway answers 504. */
        @WithDefault("PT30S")
        Duration timeout();

        /** Per event loop (the gateway keeps each request and its upstream connection on one thread). */
        @WithDefault("128")
        int maxConnectionsPerService();
    }

    interface InternalJwt {
        /** PKCS#8 PEM (TRUFFLE_INTERNAL_JWT_PRIVATE_KEY_LOCATION). */
        String privateKeyLocation();

        @WithDefault("truffle-gateway")
        String issuer();

        @WithDefault("PT5M")
        Duration lifetime();

        @WithDefault("PT1M")
        Duration refreshBefore();

        @WithDefault("100000")
        int maxCached();
    }

    interface Kafka {
        String bootstrapServers();

        /** PLAINTEXT, or SASL_PLAINTEXT / SASL_SSL with a SCRAM login (the local stack and production). */
        @WithDefault("PLAINTEXT")
        String securityProtocol();

        @WithDefault("SCRAM-SHA-512")
        String saslMechanism();

        Optional<String> saslUsername();

        Optional<String> saslPassword();

        /** SASL_SSL: the cluster CA the broker's certificate is checked against (PEM file), else the JVM's trust store. */
        Optional<String> sslTruststoreLocation();

        @WithDefault("PEM")
        String sslTruststoreType();

        @WithDefault("truffle.keys.state.v1")
        String keyStateTopic();

        /**
         * How long the key replica may go without confirming with the broker that it has read everything: past it the
         * gateway is not ready, and every key is confirmed with key-service until the replica is fresh again.
         */
        @WithDefault("PT3S")
        Duration keyStateMaxStaleness();

        /** How often the key-state topic's partition count is checked (a change makes the replica untrusted). */
        @WithDefault("PT30S")
        Duration keyStatePartitionCheck();

        @WithDefault("truffle.gateway.usage.v1")
        String usageTopic();
    }

    interface KeyLookup {
        /** How long a lookup at key-service may take before the key counts as unverifiable. */
        @WithDefault("PT2S")
        Duration timeout();

        /** How long a hash key-service called unknown is answered 401 without asking again. */
        @WithDefault("PT10S")
        Duration negativeTtl();

        /** How long a hash key-service could not be asked about is answered 401 without asking again. */
        @WithDefault("PT1S")
        Duration unavailableTtl();

        @WithDefault("100000")
        int maxNegativeEntries();

        /** At most this many lookups per second reach key-service from one gateway, whatever is thrown at it. */
        @WithDefault("200")
        double perSecond();

        @WithDefault("400")
        int burst();

        /** Lookups one client address may cause per second (its share of the budget above). */
        @WithDefault("20")
        double perClientPerSecond();

        @WithDefault("40")
        int perClientBurst();

        /** While the replica is stale, how long key-service's "valid" for a key is taken without asking again. */
        @WithDefault("PT1S")
        Duration staleConfirmTtl();
    }

    /** Per client address, on what no API key pays for (truffle.gateway.client-limits.*). */
    interface ClientLimits {
        /** The screener and the sign-in steps: a candidate clicks, a script hammers. */
        @WithDefault("10")
        double publicPerSecond();

        @WithDefault("40")
        int publicBurst();

        /** Pages and session routes of a signed-in person. */
        @WithDefault("30")
        double signedInPerSecond();

        @WithDefault("100")
        int signedInBurst();

        @WithDefault("100000")
        int maxClients();

        /** Proxies whose X-Forwarded-For is believed (the ingress controller's addresses, CIDR); none by default. */
        Optional<List<String>> trustedProxies();
    }

    interface RateLimit {
        /** Sustained requests per second per key. */
        @WithDefault("100")
        double perSecond();

        /** Requests a key may send at once above the sustained rate. */
        @WithDefault("200")
        int burst();

        /** Per-company overrides: {@code truffle.gateway.rate-limit.companies."acme".per-second=…}. */
        Map<String, Limit> companies();

        interface Limit {
            double perSecond();

            int burst();
        }
    }

    interface Usage {
        @WithDefault("PT5S")
        Duration flushInterval();
    }
}
