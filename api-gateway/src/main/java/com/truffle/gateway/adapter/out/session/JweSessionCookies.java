package com.truffle.gateway.adapter.out.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.gateway.application.port.out.SessionCookiePort;
import com.truffle.gateway.domain.access.BrowserSession;
import com.truffle.gateway.domain.access.LoginAttempt;
import com.truffle.gateway.domain.access.Session;
import io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The browser's cookies as JWE (A256KW + A256GCM, SmallRye JWT): encrypted and authenticated with the gateway's
 * session key, so a browser can neither read nor alter them and every replica holding the key opens them. Two
 * kinds, told apart by audience: the session, and the sign-in under way. The CSRF token is an HMAC of the
 * session id under a key derived from the same secret: stable across replicas and tabs, useless for another
 * session.
 */
@ApplicationScoped
public class JweSessionCookies implements SessionCookiePort {

    static final String ISSUER = "truffle-gateway";
    static final String SESSION_AUDIENCE = "truffle-gateway/session";
    static final String LOGIN_AUDIENCE = "truffle-gateway/login";

    private final SecretKey key;
    private final byte[] csrfKey;
    private final JWTParser parser;
    private final JWTAuthContextInfo sessionContext;
    private final JWTAuthContextInfo loginContext;

    @Inject
    public JweSessionCookies(SessionSealSettings settings, JWTParser parser) {
        byte[] secret = decode(settings.secret());
        if (secret.length < 32) {
            throw new IllegalStateException("the session secret (TRUFFLE_SESSION_SECRET) must be at least 32 bytes, base64");
        }
        this.key = new SecretKeySpec(hmac(secret, "truffle session seal v1"), "AES");
        this.csrfKey = hmac(secret, "truffle csrf v1");
        this.parser = parser;
        this.sessionContext = context(key, SESSION_AUDIENCE);
        this.loginContext = context(key, LOGIN_AUDIENCE);
    }

    @Override
    public String seal(BrowserSession session) {
        Session p = session.person();
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(SESSION_AUDIENCE).subject(p.subject())
                .claim("sid", session.id()).groups(new LinkedHashSet<>(p.groups()))
                .issuedAt(Instant.now()).expiresAt(p.expiresAt());
        if (p.name() != null) {
            claims.claim("name", p.name());
        }
        if (p.companyId() != null) {
            claims.claim("company_id", p.companyId());
        }
        return encrypt(claims);
    }

    @Override
    public BrowserSession open(String sealed) {
        JsonWebToken t = parse(sealed, sessionContext);
        if (t == null || t.getClaim("sid") == null) {
            return null;
        }
        Set<String> groups = t.getGroups() == null ? Set.of() : t.getGroups();
        return new BrowserSession(t.getClaim("sid").toString(), new Session(t.getSubject(), text(t.getClaim("name")),
                text(t.getClaim("company_id")), groups, Instant.ofEpochSecond(t.getExpirationTime())));
    }

    @Override
    public String seal(LoginAttempt attempt) {
        return encrypt(Jwt.issuer(ISSUER).audience(LOGIN_AUDIENCE).subject("login")
                .claim("state", attempt.state()).claim("verifier", attempt.codeVerifier()).claim("nonce", attempt.nonce())
                .claim("return_to", attempt.returnTo()).issuedAt(Instant.now()).expiresAt(attempt.expiresAt()));
    }

    @Override
    public LoginAttempt openLogin(String sealed) {
        JsonWebToken t = parse(sealed, loginContext);
        if (t == null) {
            return null;
        }
        try {
            return new LoginAttempt(text(t.getClaim("state")), text(t.getClaim("verifier")), text(t.getClaim("nonce")),
                    text(t.getClaim("return_to")), Instant.ofEpochSecond(t.getExpirationTime()));
        } catch (NullPointerException e) {
            return null;
        }
    }

    @Override
    public String csrfToken(BrowserSession session) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(csrfKey, session.id()));
    }

    private String encrypt(JwtClaimsBuilder claims) {
        return claims.jwe().keyAlgorithm(KeyEncryptionAlgorithm.A256KW).contentAlgorithm(ContentEncryptionAlgorithm.A256GCM)
                .encrypt(key);
    }

    private JsonWebToken parse(String sealed, JWTAuthContextInfo context) {
        if (sealed == null || sealed.isEmpty() || sealed.length() > 4096) {
            return null;
        }
        try {
            return parser.parse(sealed, context);
        } catch (ParseException | RuntimeException e) {
            return null; // altered, from another key, expired: not a session
        }
    }

    private static JWTAuthContextInfo context(SecretKey key, String audience) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setSecretDecryptionKey(key);
        info.setKeyEncryptionAlgorithm(Set.of(KeyEncryptionAlgorithm.A256KW));
        info.setIssuedBy(ISSUER);
        info.setExpectedAudience(Set.of(audience));
        info.setExpGracePeriodSecs(0);
        return info;
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        return claim instanceof jakarta.json.JsonString s ? s.getString() : claim.toString();
    }

    private static byte[] decode(String secret) {
        try {
            return Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
