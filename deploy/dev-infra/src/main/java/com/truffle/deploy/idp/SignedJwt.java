package com.truffle.deploy.idp;

import java.security.PrivateKey;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The one way this repository mints a JWT (RS256, {@code typ: JWT}): the dev identity provider's session and ID
 * tokens, the test identity providers' tokens, the internal tokens tests and benchmarks sign as the gateway would.
 * Claims in, compact JWS out; what a token means is its caller's business.
 *
 * <pre>{@code
 * String jwt = SignedJwt.issuedBy("truffle-gateway").audience("screening-service").subject("api-key:bench")
 *         .claim("company_id", "acme").groups(List.of("READ")).validFor(600).sign(privateKey, null);
 * }</pre>
 */
public final class SignedJwt {

    private final JwtClaims claims = new JwtClaims();

    private SignedJwt(String issuer) {
        claims.setIssuer(issuer);
        claims.setGeneratedJwtId();
        validFor(600);
    }

    public static SignedJwt issuedBy(String issuer) {
        return new SignedJwt(issuer);
    }

    public SignedJwt audience(String... audiences) {
        claims.setAudience(audiences);
        return this;
    }

    public SignedJwt audience(List<String> audiences) {
        claims.setAudience(audiences);
        return this;
    }

    public SignedJwt subject(String subject) {
        claims.setSubject(subject);
        return this;
    }

    /** A claim; a null value leaves it out, as a token without that claim. */
    public SignedJwt claim(String name, Object value) {
        if (value != null) {
            claims.setClaim(name, value);
        }
        return this;
    }

    public SignedJwt groups(List<String> groups) {
        claims.setStringListClaim("groups", groups == null ? List.of() : List.copyOf(groups));
        return this;
    }

    /** Issued now, expiring {@code seconds} from now (default 600). */
    public SignedJwt validFor(long seconds) {
        long now = NumericDate.now().getValue();
        return validBetween(now, now + seconds);
    }

    /** Issued and expiring at these epoch seconds (an expired token: both in the past). */
    public SignedJwt validBetween(long issuedAt, long expiresAt) {
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        return this;
    }

    /** Signs with {@code key}; {@code keyId} (nullable) goes in the header for a verifier that reads a JWKS. */
    public String sign(PrivateKey key, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign the token", e);
        }
    }
}
