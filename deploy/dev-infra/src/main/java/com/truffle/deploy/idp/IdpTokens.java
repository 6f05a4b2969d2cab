package com.truffle.deploy.idp;

import java.time.Instant;
import java.util.List;

import org.jose4j.jwk.RsaJsonWebKey;

/** The dev provider's tokens: RS256 JWTs with its issuer, signed with the key of this run. */
final class IdpTokens {

    /** Who signed in at the form, and for which client. */
    record Person(String subject, String name, String companyId, List<String> groups) {
    }

    private final String issuer;
    private final RsaJsonWebKey key;

    IdpTokens(String issuer, RsaJsonWebKey key) {
        this.issuer = issuer;
        this.key = key;
    }

    /** The audience of the session tokens {@code POST /tokens} hands out: the gateway (its API). */
    static final String SESSION_AUDIENCE = "truffle-gateway";

    /** The token {@code POST /tokens} hands out (a session JWT, as the gateway's bearer sessions expect). */
    String session(String sub, String name, String companyId, List<String> groups) {
        return base(new Person(sub, name, companyId, groups)).audience(SESSION_AUDIENCE).sign(key.getPrivateKey(), key.getKeyId());
    }

    /** The OpenID ID token of the code flow: audience the client, with the nonce it sent. */
    String idToken(Person person, String clientId, String nonce) {
        return base(person).audience(clientId).claim("azp", clientId).claim("auth_time", Instant.now().getEpochSecond())
                .claim("nonce", nonce).sign(key.getPrivateKey(), key.getKeyId());
    }

    /** The access token of the code flow (a JWT for the same client). */
    String accessToken(Person person, String clientId, String scope) {
        return base(person).audience(clientId).claim("scope", scope == null ? "openid" : scope)
                .sign(key.getPrivateKey(), key.getKeyId());
    }

    private SignedJwt base(Person p) {
        if (p.subject() == null || p.subject().isBlank()) {
            throw new IllegalArgumentException("sub must not be blank");
        }
        return SignedJwt.issuedBy(issuer).subject(p.subject()).claim("upn", p.subject())
                .claim("email", p.subject().contains("@") ? p.subject() : null)
                .claim("name", p.name() == null || p.name().isBlank() ? null : p.name())
                .claim("company_id", p.companyId()).groups(p.groups())
                .validFor(DevIdentityProvider.TOKEN_LIFETIME_SECONDS);
    }
}
