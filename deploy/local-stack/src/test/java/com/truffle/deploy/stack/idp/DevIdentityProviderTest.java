package com.truffle.deploy.stack.idp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevIdentityProviderTest {

    static DevIdentityProvider idp;

    @BeforeAll
    static void start() {
        idp = new DevIdentityProvider().start(0);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static JwtConsumer consumerFor(DevIdentityProvider provider) {
        return new JwtConsumerBuilder()
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setExpectedIssuer(provider.issuer())
                .setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(provider.jwksUrl())))
                .build();
    }

    private static String tokenFor(String body) {
        return given().baseUri(idp.url()).contentType("application/json").body(body)
                .when().post("/tokens")
                .then().statusCode(200)
                .body("expires_in", equalTo(3600))
                .extract().path("token");
    }

    @Test
    void aCompanyAdminTokenVerifiesAgainstTheIdpsOwnJwks() throws Exception {
        String token = tokenFor("{\"sub\":\"alice\",\"company_id\":\"acme\",\"groups\":[\"company-admin\"]}");

        JwtContext verified = consumerFor(idp).process(token);
        JwtClaims claims = verified.getJwtClaims();
        assertEquals("truffle-dev-idp", claims.getIssuer());
        assertEquals("alice", claims.getSubject());
        assertEquals("alice", claims.getStringClaimValue("upn"));
        assertEquals("acme", claims.getStringClaimValue("company_id"));
        assertEquals(List.of("company-admin"), claims.getStringListClaimValue("groups"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertNotNull(claims.getJwtId());
        assertEquals("RS256", verified.getJoseObjects().get(0).getAlgorithmHeaderValue());
        assertEquals(idp.keyId(), verified.getJoseObjects().get(0).getKeyIdHeaderValue());
    }

    @Test
    void aStaffTokenHasNoCompanyClaim() throws Exception {
        String token = tokenFor("{\"sub\":\"sam\",\"groups\":[\"truffle-staff\"]}");

        JwtClaims claims = consumerFor(idp).processToClaims(token);
        assertFalse(claims.hasClaim("company_id"));
        assertEquals(List.of("truffle-staff"), claims.getStringListClaimValue("groups"));
    }

    @Test
    void discoveryDocumentAndJwks() {
        given().baseUri(idp.url()).get("/.well-known/openid-configuration")
                .then().statusCode(200)
                .body("issuer", equalTo("truffle-dev-idp"))
                .body("jwks_uri", equalTo(idp.jwksUrl()));
        given().baseUri(idp.url()).get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].kid", equalTo(idp.keyId()))
                .body("keys[0].alg", equalTo("RS256"))
                // public only
                .body("keys[0].d", equalTo(null));
    }

    @Test
    void invalidTokenRequestsAreProblems() {
        for (String body : List.of("{\"groups\":[\"company-admin\"]}", "{\"sub\":\"  \",\"groups\":[]}",
                "{\"sub\":\"alice\",\"groups\":\"company-admin\"}", "{\"sub\":\"alice\"}", "not json", "[]")) {
            given().baseUri(idp.url()).contentType("application/json").body(body)
                    .when().post("/tokens")
                    .then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(400))
                    .body("type", equalTo("https://docs.truffle.dev/problems/validation"));
        }
        given().baseUri(idp.url()).contentType("application/json").body("{\"groups\":\"x\"}")
                .post("/tokens").then().statusCode(400)
                .body("errors.field", hasItem("sub"))
                .body("errors.field", hasItem("groups"));
    }

    @Test
    void everyIdpHasItsOwnKeySoTokensDoNotCrossRuns() {
        try (DevIdentityProvider other = new DevIdentityProvider("other-idp").start(0)) {
            assertNotEquals(idp.keyId(), other.keyId());
            String foreign = other.mint("mallory", "acme", List.of("company-admin"));
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setSkipDefaultAudienceValidation()
                    .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(idp.jwksUrl())))
                    .build();
            assertThrows(InvalidJwtException.class, () -> consumer.process(foreign));
        }
    }
}
