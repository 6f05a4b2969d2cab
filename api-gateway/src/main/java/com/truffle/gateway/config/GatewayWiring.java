package com.truffle.gateway.config;

import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.truffle.gateway.adapter.in.http.CookieSettings;
import com.truffle.gateway.adapter.in.scheduling.UsageReportSettings;
import com.truffle.gateway.adapter.out.kafka.EndedSessionsSettings;
import com.truffle.gateway.adapter.out.oidc.OidcSettings;
import com.truffle.gateway.adapter.out.session.SessionSealSettings;
import com.truffle.gateway.adapter.out.internaljwt.InternalJwtSettings;
import com.truffle.gateway.adapter.out.keyservice.KeyServiceSettings;
import com.truffle.gateway.adapter.out.keystate.KeyStateSettings;
import com.truffle.gateway.adapter.out.upstream.UpstreamSettings;
import com.truffle.gateway.adapter.out.usage.UsagePublisherSettings;
import com.truffle.gateway.application.service.BrowserSettings;
import com.truffle.gateway.application.service.InternalTokenSettings;
import com.truffle.gateway.application.service.KeyLookupSettings;
import com.truffle.gateway.application.service.ClientLimitSettings;
import com.truffle.gateway.application.service.RateLimitSettings;
import com.truffle.gateway.domain.access.ClientAddress;
import com.truffle.gateway.domain.access.CrossSiteCheck;
import com.truffle.gateway.domain.access.TokenBucket.RateLimit;
import com.truffle.gateway.domain.routing.GatewayRoutes;
import com.truffle.gateway.domain.routing.RouteTable;
import com.truffle.gateway.domain.routing.Upstream;
import com.truffle.gateway.domain.usage.UsageTally;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.apikeys.SecretHasher;

/** Wires the plain domain objects and every layer's settings from {@link GatewayConfig}. */
public class GatewayWiring {

    @Produces
    @Singleton
    RouteTable routeTable() {
        return GatewayRoutes.table();
    }

    @Produces
    @Singleton
    SecretHasher secretHasher(GatewayConfig config) {
        return SecretHasher.fromConfig(config.keyPepper());
    }

    /** Checks that a key-state record was signed by key-service (the key derived from the same pepper). */
    @Produces
    @Singleton
    KeyStateSignature keyStateSignature(SecretHasher hasher) {
        return new KeyStateSignature(hasher);
    }

    @Produces
    @Singleton
    UsageTally usageTally() {
        return new UsageTally();
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    KeyLookupSettings keyLookupSettings(GatewayConfig config) {
        GatewayConfig.KeyLookup k = config.keyLookup();
        return new KeyLookupSettings(k.negativeTtl(), k.unavailableTtl(), k.maxNegativeEntries(),
                new RateLimit(k.perSecond(), k.burst()), new RateLimit(k.perClientPerSecond(), k.perClientBurst()), k.staleConfirmTtl());
    }

    @Produces
    @Singleton
    InternalTokenSettings internalTokenSettings(GatewayConfig config) {
        GatewayConfig.InternalJwt j = config.internalJwt();
        if (j.refreshBefore().compareTo(j.lifetime()) >= 0) {
            throw new IllegalStateException("truffle.gateway.internal-jwt.refresh-before must be shorter than its lifetime");
        }
        return new InternalTokenSettings(j.lifetime(), j.refreshBefore(), j.maxCached());
    }

    @Produces
    @Singleton
    ClientLimitSettings clientLimitSettings(GatewayConfig config) {
        GatewayConfig.ClientLimits c = config.clientLimits();
        return new ClientLimitSettings(new RateLimit(c.publicPerSecond(), c.publicBurst()),
                new RateLimit(c.signedInPerSecond(), c.signedInBurst()), c.maxClients());
    }

    @Produces
    @Singleton
    ClientAddress clientAddress(GatewayConfig config) {
        return ClientAddress.trusting(config.clientLimits().trustedProxies().orElse(List.of()));
    }

    @Produces
    @Singleton
    RateLimitSettings rateLimitSettings(GatewayConfig config) {
        GatewayConfig.RateLimit r = config.rateLimit();
        Map<String, RateLimit> companies = new HashMap<>();
        r.companies().forEach((company, l) -> companies.put(company, new RateLimit(l.perSecond(), l.burst())));
        return new RateLimitSettings(new RateLimit(r.perSecond(), r.burst()), companies);
    }

    @Produces
    @Singleton
    UpstreamSettings upstreamSettings(GatewayConfig config) {
        GatewayConfig.Upstreams u = config.upstreams();
        Map<Upstream, URI> urls = new EnumMap<>(Upstream.class);
        urls.put(Upstream.KEY_SERVICE, URI.create(u.keyService()));
        urls.put(Upstream.ACCESS_SERVICE, URI.create(u.accessService()));
        urls.put(Upstream.SCREENING_SERVICE, URI.create(u.screeningService()));
        urls.put(Upstream.ASHBY_CONNECTOR, URI.create(u.ashbyConnector()));
        return new UpstreamSettings(urls, u.timeout(), u.maxConnectionsPerService(),
                CrossSiteCheck.originOf(config.oidc().issuer()));
    }

    @Produces
    @Singleton
    BrowserSettings browserSettings(GatewayConfig config) {
        GatewayConfig.Browser b = config.browser();
        return new BrowserSettings(b.publicUrl(), b.sessionMaxLifetime(), b.loginLifetime());
    }

    @Produces
    @Singleton
    CookieSettings cookieSettings(BrowserSettings browser) {
        return new CookieSettings(browser.https());
    }

    @Produces
    @Singleton
    SessionSealSettings sessionSealSettings(GatewayConfig config) {
        return new SessionSealSettings(config.browser().sessionSecret());
    }

    @Produces
    @Singleton
    EndedSessionsSettings endedSessionsSettings(GatewayConfig config) {
        return new EndedSessionsSettings(config.kafka().bootstrapServers(), kafkaLogin(config), config.browser().endedSessionsTopic(),
                config.browser().sessionMaxLifetime());
    }

    @Produces
    @Singleton
    OidcSettings oidcSettings(GatewayConfig config) {
        GatewayConfig.Oidc o = config.oidc();
        return new OidcSettings(o.issuer(), o.clientId(), o.clientSecret().filter(s -> !s.isBlank()), o.scopes(),
                o.companyClaim(), o.groupsClaim(), o.nameClaim());
    }

    @Produces
    @Singleton
    KeyServiceSettings keyServiceSettings(GatewayConfig config) {
        return new KeyServiceSettings(URI.create(config.upstreams().keyService()), config.keyLookup().timeout());
    }

    @Produces
    @Singleton
    KeyStateSettings keyStateSettings(GatewayConfig config) {
        GatewayConfig.Kafka k = config.kafka();
        return new KeyStateSettings(k.bootstrapServers(), kafkaLogin(config), k.keyStateTopic(), k.keyStateMaxStaleness(),
                k.keyStatePartitionCheck());
    }

    @Produces
    @Singleton
    UsagePublisherSettings usagePublisherSettings(GatewayConfig config) {
        return new UsagePublisherSettings(config.kafka().bootstrapServers(), kafkaLogin(config), config.kafka().usageTopic());
    }

    @Produces
    @Singleton
    UsageReportSettings usageReportSettings(GatewayConfig config) {
        return new UsageReportSettings(config.usage().flushInterval());
    }

    @Produces
    @Singleton
    InternalJwtSettings internalJwtSettings(GatewayConfig config) {
        return new InternalJwtSettings(config.internalJwt().privateKeyLocation(), config.internalJwt().issuer());
    }

    /**
     * The gateway's own login to Kafka (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME/PASSWORD),
     * for its plain Kafka clients; nothing on a plaintext broker.
     */
    static Map<String, String> kafkaLogin(GatewayConfig config) {
        GatewayConfig.Kafka k = config.kafka();
        if (!k.securityProtocol().startsWith("SASL")) {
            return Map.of("security.protocol", k.securityProtocol());
        }
        String user = k.saslUsername().orElseThrow(() -> new IllegalStateException("KAFKA_SASL_USERNAME is required with " + k.securityProtocol()));
        String password = k.saslPassword().orElseThrow(() -> new IllegalStateException("KAFKA_SASL_PASSWORD is required with " + k.securityProtocol()));
        if (user.contains("\"") || password.contains("\"")) {
            throw new IllegalStateException("the Kafka username and password must not contain quotes");
        }
        Map<String, String> login = new HashMap<>(Map.of("security.protocol", k.securityProtocol(), "sasl.mechanism", k.saslMechanism(),
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";"));
        k.sslTruststoreLocation().ifPresent(location -> {
            login.put("ssl.truststore.location", location);
            login.put("ssl.truststore.type", k.sslTruststoreType());
        });
        return Map.copyOf(login);
    }
}
