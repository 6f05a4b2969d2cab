package com.truffle.gateway.adapter.out.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.IdentityProviderPort;
import com.truffle.gateway.domain.access.LoginAttempt;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import org.jboss.logging.Logger;

/**
 * The relying party, with Vert.x's OAuth2 client (vertx-auth-oauth2): OpenID discovery of the provider's
 * endpoints and keys, the authorization URL, the code exchange with PKCE, and the ID token's verification
 * (signature against the provider's JWKS, issuer, audience = our client id, expiry); the nonce is checked here.
 * Discovery happens on first use and again after a failure, so the gateway starts even while the provider is down.
 */
@ApplicationScoped
public class VertxOidcProvider implements IdentityProviderPort {

    private static final Logger LOG = Logger.getLogger(VertxOidcProvider.class);

    private final Vertx vertx;
    private final OidcSettings settings;
    private volatile Future<OAuth2Auth> discovered;
    private volatile String endSessionEndpoint;

    @Inject
    public VertxOidcProvider(Vertx vertx, OidcSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    @Override
    public Uni<String> authorizationUrl(LoginAttempt attempt, String redirectUri) {
        return provider().map(oauth2 -> oauth2.authorizeURL(new OAuth2AuthorizationURL()
                .setRedirectUri(redirectUri)
                .setScopes(settings.scopes())
                .setState(attempt.state())
                .putAdditionalParameter("code_challenge", challenge(attempt.codeVerifier()))
                .putAdditionalParameter("code_challenge_method", "S256")
                .putAdditionalParameter("nonce", attempt.nonce())));
    }

    @Override
    public Uni<SignedInPerson> exchange(String code, LoginAttempt attempt, String redirectUri) {
        return provider().chain(oauth2 -> uni(oauth2.authenticate(new Oauth2Credentials()
                        .setFlow(OAuth2FlowType.AUTH_CODE).setCode(code).setRedirectUri(redirectUri)
                        .setCodeVerifier(attempt.codeVerifier()))))
                .onFailure(e -> !(e instanceof SignInFailed)).transform(e -> {
                    LOG.infof("the identity provider refused a sign-in code: %s", e.getMessage());
                    return new SignInFailed("The identity provider did not accept this sign-in (it may have been used already). Please sign in again.");
                })
                .map(user -> person(user, attempt));
    }

    @Override
    public Uni<String> endSessionUrl(String returnTo) {
        return provider().map(oauth2 -> {
            String endpoint = endSessionEndpoint;
            if (endpoint == null) {
                return returnTo;
            }
            return endpoint + (endpoint.contains("?") ? "&" : "?") + "client_id=" + enc(settings.clientId())
                    + "&post_logout_redirect_uri=" + enc(returnTo);
        }).onFailure().recoverWithItem(returnTo);
    }

    private SignedInPerson person(User user, LoginAttempt attempt) {
        JsonObject id = user.attributes().getJsonObject("idToken");
        if (id == null) {
            // vertx keeps an unverifiable ID token out of the attributes (bad signature, issuer or audience)
            throw new SignInFailed("The identity provider's answer could not be verified. Please sign in again.");
        }
        if (!attempt.nonce().equals(id.getString("nonce"))) {
            throw new SignInFailed("The identity provider's answer does not belong to this sign-in. Please sign in again.");
        }
        String subject = id.getString("sub");
        Long exp = id.getLong("exp");
        if (subject == null || subject.isBlank() || exp == null) {
            throw new SignInFailed("The identity provider's answer has no subject or expiry.");
        }
        String name = text(id, settings.nameClaim());
        if (name == null) {
            name = text(id, "email");
        }
        return new SignedInPerson(subject, name == null ? subject : name, text(id, settings.companyClaim()),
                groups(id.getValue(settings.groupsClaim())), Instant.ofEpochSecond(exp));
    }

    private Uni<OAuth2Auth> provider() {
        Future<OAuth2Auth> f = discovered;
        if (f == null || f.failed()) {
            synchronized (this) {
                f = discovered;
                if (f == null || f.failed()) {
                    OAuth2Options options = new OAuth2Options()
                            .setSite(settings.issuer())
                            .setClientId(settings.clientId())
                            .setFlow(OAuth2FlowType.AUTH_CODE)
                            .setValidateIssuer(true)
                            .setJWTOptions(new JWTOptions().setLeeway(30));
                    settings.clientSecret().ifPresent(options::setClientSecret);
                    f = OpenIDConnectAuth.discover(vertx, options).map(oauth2 -> {
                        endSessionEndpoint = options.getLogoutPath();
                        // the provider rotated its keys: fetch them again
                        oauth2.missingKeyHandler(kid -> oauth2.jWKSet());
                        return oauth2;
                    });
                    f.onFailure(e -> LOG.warnf("OpenID discovery of %s failed: %s", settings.issuer(), e.getMessage()));
                    discovered = f;
                }
            }
        }
        return uni(f).onFailure(e -> !(e instanceof SignInFailed))
                .transform(e -> new SignInFailed("Sign-in is unavailable right now: the identity provider cannot be reached. Please try again shortly.", true));
    }

    private static <T> Uni<T> uni(Future<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage());
    }

    private static Set<String> groups(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(g -> {
                if (g instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            });
        } else if (claim instanceof String s && !s.isBlank()) {
            for (String g : s.split("[ ,]+")) {
                out.add(g);
            }
        }
        return out;
    }

    private static String text(JsonObject claims, String name) {
        Object v = claims.getValue(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
