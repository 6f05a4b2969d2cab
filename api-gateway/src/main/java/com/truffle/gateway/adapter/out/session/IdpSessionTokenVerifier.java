package com.truffle.gateway.adapter.out.session;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import com.truffle.gateway.application.port.out.SessionTokenPort;
import com.truffle.gateway.domain.access.Session;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Session JWTs through SmallRye JWT, configured with the identity provider's JWKS URL and issuer
 * ({@code mp.jwt.verify.publickey.location}, {@code mp.jwt.verify.issuer}), as it would be for any OIDC provider.
 * Parsing may fetch the JWKS (blocking), so it runs on a worker thread; the application caches the result.
 */
@ApplicationScoped
public class IdpSessionTokenVerifier implements SessionTokenPort {

    private static final Logger LOG = Logger.getLogger(IdpSessionTokenVerifier.class);

    private final JWTParser parser;

    @Inject
    public IdpSessionTokenVerifier(JWTParser parser) {
        this.parser = parser;
    }

    @Override
    public Uni<Verdict> verify(String jwt) {
        return Uni.createFrom().item(() -> parse(jwt)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Verdict parse(String jwt) {
        try {
            JsonWebToken token = parser.parse(jwt);
            if (token.getSubject() == null || token.getSubject().isBlank()) {
                return new Invalid("it has no subject.");
            }
            Set<String> groups = token.getGroups();
            return new Valid(new Session(token.getSubject(), text(token.getClaim("company_id")), groups,
                    Instant.ofEpochSecond(token.getExpirationTime())));
        } catch (ParseException e) {
            // the cause's message quotes the token: a credential, never logged
            LOG.debugf("session token refused (%s)", e.getCause() == null ? "parse" : e.getCause().getClass().getSimpleName());
            return new Invalid("it is expired, not signed by the identity provider, or not from its issuer.");
        } catch (RuntimeException e) {
            return new Invalid("it could not be checked (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        return claim instanceof JsonString s ? s.getString() : claim.toString();
    }
}
