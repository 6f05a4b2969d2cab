package com.truffle.deploy.idp;

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
        assertEquals(idp.url(), claims.getIssuer());
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
                .body("issuer", equalTo(idp.url()))
                .body("authorization_endpoint", equalTo(idp.url() + "/authorize"))
                .body("token_endpoint", equalTo(idp.url() + "/token"))
                .body("code_challenge_methods_supported", hasItem("S256"))
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

    static final String CLIENT = "truffle-gateway";
    static final String CALLBACK = "http://127.0.0.1:8080/auth/callback";
    static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-0123456789";

    private static io.restassured.response.Response signInAt(String verifier, String role, String company) {
        var form = given().baseUri(idp.url()).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("response_type", "code").formParam("client_id", CLIENT).formParam("redirect_uri", CALLBACK)
                .formParam("scope", "openid profile").formParam("state", "state-123").formParam("nonce", "nonce-456")
                .formParam("code_challenge", IdpEndpoints.s256(verifier)).formParam("code_challenge_method", "S256")
                .formParam("email", "alice@acme.test").formParam("name", "Alice Admin").formParam("role", role);
        if (company != null) {
            form.formParam("company", company);
        }
        return form.post("/authorize");
    }

    private static String codeOf(io.restassured.response.Response answer) {
        String location = answer.header("Location");
        return java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theAuthorizeFormAsksWhoYouAre() {
        String html = given().baseUri(idp.url()).queryParam("response_type", "code").queryParam("client_id", CLIENT)
                .queryParam("redirect_uri", CALLBACK).queryParam("state", "s").queryParam("code_challenge", "c")
                .queryParam("code_challenge_method", "S256").get("/authorize").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        org.assertj.core.api.Assertions.assertThat(html).contains("<label for=\"email\">Email</label>")
                .contains("Company admin").contains("Truffle staff").contains(">Sign in</button>");
        // without PKCE, or towards no absolute redirect, there is no form
        given().baseUri(idp.url()).queryParam("response_type", "code").queryParam("client_id", CLIENT)
                .queryParam("redirect_uri", CALLBACK).get("/authorize").then().statusCode(400);
        given().baseUri(idp.url()).queryParam("response_type", "code").queryParam("client_id", CLIENT)
                .queryParam("redirect_uri", "/relative").queryParam("code_challenge", "c").queryParam("code_challenge_method", "S256")
                .get("/authorize").then().statusCode(400);
    }

    @Test
    void theCodeFlowWithPkceYieldsAnIdTokenForTheClientWithTheNonce() throws Exception {
        var answer = signInAt(VERIFIER, "company-admin", "acme");
        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).isEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(answer.header("Location")).startsWith(CALLBACK + "?code=").contains("&state=state-123");
        String code = codeOf(answer);

        var tokens = given().baseUri(idp.url()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", code).formParam("redirect_uri", CALLBACK)
                .formParam("client_id", CLIENT).formParam("code_verifier", VERIFIER).post("/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer")).extract().jsonPath();
        JwtClaims id = new JwtConsumerBuilder().setRequireSubject().setExpectedIssuer(idp.url()).setExpectedAudience(CLIENT)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(idp.jwksUrl())))
                .build().processToClaims(tokens.getString("id_token"));
        assertEquals("alice@acme.test", id.getSubject());
        assertEquals("Alice Admin", id.getStringClaimValue("name"));
        assertEquals("acme", id.getStringClaimValue("company_id"));
        assertEquals(List.of("company-admin"), id.getStringListClaimValue("groups"));
        assertEquals("nonce-456", id.getStringClaimValue("nonce"));

        // a code is used once
        given().baseUri(idp.url()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", code).formParam("redirect_uri", CALLBACK)
                .formParam("client_id", CLIENT).formParam("code_verifier", VERIFIER).post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCodeWithTheWrongVerifierOrRedirectIsRefused() {
        String code = codeOf(signInAt(VERIFIER, "truffle-staff", null));
        given().baseUri(idp.url()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", code).formParam("redirect_uri", CALLBACK)
                .formParam("client_id", CLIENT).formParam("code_verifier", VERIFIER + "x").post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        String other = codeOf(signInAt(VERIFIER, "truffle-staff", null));
        given().baseUri(idp.url()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", other).formParam("redirect_uri", CALLBACK + "x")
                .formParam("client_id", CLIENT).formParam("code_verifier", VERIFIER).post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCompanyAdminWithoutACompanyIsAskedForIt() {
        var answer = signInAt(VERIFIER, "company-admin", "");
        assertEquals(400, answer.statusCode());
        org.assertj.core.api.Assertions.assertThat(answer.asString()).contains("aria-invalid=\"true\"").contains("company");
    }

    @Test
    void signOutReturnsToTheClient() {
        given().baseUri(idp.url()).redirects().follow(false).queryParam("post_logout_redirect_uri", "http://127.0.0.1:8080/")
                .get("/logout").then().statusCode(302).header("Location", equalTo("http://127.0.0.1:8080/"));
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
