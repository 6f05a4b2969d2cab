package com.truffle.deploy.idp;

import java.util.List;
import java.util.UUID;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

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
        JwtClaims claims = base(new Person(sub, name, companyId, groups));
        claims.setAudience(SESSION_AUDIENCE);
        return sign(claims);
    }

    /** The OpenID ID token of the code flow: audience the client, with the nonce it sent. */
    String idToken(Person person, String clientId, String nonce) {
        JwtClaims claims = base(person);
        claims.setAudience(clientId);
        claims.setClaim("azp", clientId);
        claims.setClaim("auth_time", NumericDate.now().getValue());
        if (nonce != null) {
            claims.setClaim("nonce", nonce);
        }
        return sign(claims);
    }

    /** The access token of the code flow (a JWT for the same client). */
    String accessToken(Person person, String clientId, String scope) {
        JwtClaims claims = base(person);
        claims.setAudience(clientId);
        claims.setClaim("scope", scope == null ? "openid" : scope);
        return sign(claims);
    }

    private JwtClaims base(Person p) {
        if (p.subject() == null || p.subject().isBlank()) {
            throw new IllegalArgumentException("sub must not be blank");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(p.subject());
        claims.setClaim("upn", p.subject());
        if (p.subject().contains("@")) {
            claims.setClaim("email", p.subject());
        }
        if (p.name() != null && !p.name().isBlank()) {
            claims.setClaim("name", p.name());
        }
        if (p.companyId() != null) {
            claims.setClaim("company_id", p.companyId());
        }
        claims.setStringListClaim("groups", p.groups() == null ? List.of() : List.copyOf(p.groups()));
        NumericDate now = NumericDate.now();
        NumericDate expires = NumericDate.fromSeconds(now.getValue());
        expires.addSeconds(DevIdentityProvider.TOKEN_LIFETIME_SECONDS);
        claims.setIssuedAt(now);
        claims.setExpirationTime(expires);
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign the token", e);
        }
    }
}
