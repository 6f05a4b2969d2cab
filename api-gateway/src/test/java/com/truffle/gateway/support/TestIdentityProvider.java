package com.truffle.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

import com.truffle.deploy.idp.SignedJwt;

/** The identity provider for tests: a JWKS over HTTP (what the gateway is configured with) and session tokens minted here. */
public final class TestIdentityProvider {

    public static final String ISSUER = "test-idp";

    private final RsaJsonWebKey key;
    private final RsaJsonWebKey stranger;
    private HttpServer server;

    public TestIdentityProvider() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-idp-1");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            stranger = RsaJwkGenerator.generateJwk(2048);
            stranger.setKeyId("test-idp-1"); // same kid, other key: a forgery
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestIdentityProvider start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        server.createContext("/.well-known/jwks.json", exchange -> {
            byte[] bytes = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public String companyAdmin(String sub, String company) {
        return mint(sub, company, List.of("company-admin"), 3600, ISSUER, key);
    }

    public String staff(String sub) {
        return mint(sub, null, List.of("truffle-staff"), 3600, ISSUER, key);
    }

    public String expired(String sub, String company) {
        return mint(sub, company, List.of("company-admin"), -120, ISSUER, key);
    }

    public String forged(String sub, String company) {
        return mint(sub, company, List.of("company-admin"), 3600, ISSUER, stranger);
    }

    public String otherIssuer(String sub, String company) {
        return mint(sub, company, List.of("company-admin"), 3600, "someone-else", key);
    }

    public String token(String sub, String company, List<String> groups) {
        return mint(sub, company, groups, 3600, ISSUER, key);
    }

    /** The audience the gateway expects of a session token (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "truffle-gateway";

    private static String mint(String sub, String company, List<String> groups, int lifetimeSeconds, String issuer,
            RsaJsonWebKey signer) {
        return mint(sub, company, groups, lifetimeSeconds, issuer, signer, AUDIENCE);
    }

    /** A session token for another audience: another API's token, which the gateway must refuse. */
    public String forAudience(String sub, String company, String audience) {
        return mint(sub, company, List.of("company-admin"), 3600, ISSUER, key, audience);
    }

    private static String mint(String sub, String company, List<String> groups, int lifetimeSeconds, String issuer,
            RsaJsonWebKey signer, String audience) {
        long now = System.currentTimeMillis() / 1000;
        // an expired token was also issued before it expired
        return SignedJwt.issuedBy(issuer).audience(audience).subject(sub).claim("upn", sub).claim("company_id", company)
                .groups(groups).validBetween(now - Math.max(0, -lifetimeSeconds) - 60, now + lifetimeSeconds)
                .sign(signer.getPrivateKey(), signer.getKeyId());
    }
}
