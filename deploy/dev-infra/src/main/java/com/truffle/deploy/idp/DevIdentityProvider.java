package com.truffle.deploy.idp;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * A development OpenID provider standing in for Truffle's real one, <strong>for local runs and tests only</strong>:
 * anybody who asks is signed in as whoever they say they are. Never deploy it anywhere reachable by others.
 *
 * <p>It speaks the protocol a real provider does, so the gateway is configured for it exactly as for Keycloak or
 * Auth0 (issuer URL, discovery, JWKS): RS256 tokens from an RSA 2048 key made fresh at every start (no token
 * outlives a run), and
 * <ul>
 *   <li>{@code GET /.well-known/openid-configuration}: discovery (issuer, endpoints, PKCE S256)</li>
 *   <li>{@code GET /.well-known/jwks.json}: the public key set</li>
 *   <li>{@code GET /authorize}: the authorization-code request (PKCE required) shows a small "who are you" form
 *       (email, name, company, role: company admin or Truffle staff); {@code POST /authorize} answers it and
 *       sends the browser back to the client's {@code redirect_uri} with a one-time code</li>
 *   <li>{@code POST /token}: the code (with its PKCE verifier) for an ID token and an access token</li>
 *   <li>{@code GET /logout}: RP-initiated sign-out, back to {@code post_logout_redirect_uri}</li>
 *   <li>{@code POST /tokens} {@code {"sub":"alice","company_id":"acme","groups":["company-admin"]}}: a session token
 *       at once, for curl and tests</li>
 * </ul>
 */
public final class DevIdentityProvider implements AutoCloseable {

    public static final long TOKEN_LIFETIME_SECONDS = 3600;

    private final String configuredIssuer;
    private final RsaJsonWebKey signingKey;
    private Vertx vertx;
    private HttpServer server;
    private String issuer;
    private IdpTokens tokens;

    /** A provider whose issuer is its own URL, as with any OpenID provider. */
    public DevIdentityProvider() {
        this(null);
    }

    /** A provider with this issuer (null: its URL). */
    public DevIdentityProvider(String issuer) {
        if (issuer != null && issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        this.configuredIssuer = issuer;
        try {
            signingKey = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate the IdP's RSA key", e);
        }
        signingKey.setKeyId("dev-idp-" + UUID.randomUUID().toString().substring(0, 8));
        signingKey.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        signingKey.setUse("sig");
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
    public synchronized DevIdentityProvider start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        HttpServer http = vertx.createHttpServer();
        try {
            server = http.requestHandler(router).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the dev identity provider", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("the dev identity provider could not listen on 127.0.0.1:" + port + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        issuer = configuredIssuer != null ? configuredIssuer : url();
        tokens = new IdpTokens(issuer, signingKey);
        new IdpEndpoints(this, tokens).install(router);
        return this;
    }

    public int port() {
        return requireStarted().actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public String issuer() {
        requireStarted();
        return issuer;
    }

    public String jwksUrl() {
        return url() + "/.well-known/jwks.json";
    }

    /** The key id ({@code kid}) of this run's signing key. */
    public String keyId() {
        return signingKey.getKeyId();
    }

    /** The public key set, as served on {@code /.well-known/jwks.json}. */
    public String jwksJson() {
        return new JsonWebKeySet(signingKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Mints a session token in-process (the same token {@code POST /tokens} returns). */
    public String mint(String sub, String companyId, List<String> groups) {
        requireStarted();
        return tokens.session(sub, null, companyId, groups);
    }

    /** Mints a session token with a display name. */
    public String mint(String sub, String name, String companyId, List<String> groups) {
        requireStarted();
        return tokens.session(sub, name, companyId, groups);
    }

    /** Whether {@code uri} may receive codes: an absolute http(s) URL (a dev provider trusts every client). */
    static boolean acceptableRedirect(String uri) {
        if (uri == null || uri.length() > 2048) {
            return false;
        }
        try {
            URI u = new URI(uri);
            return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && u.getFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // closing anyway
            }
            vertx = null;
            server = null;
        }
    }

    private HttpServer requireStarted() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("the dev identity provider is not started");
        }
        return s;
    }
}
