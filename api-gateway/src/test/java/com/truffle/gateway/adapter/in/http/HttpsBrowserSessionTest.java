package com.truffle.gateway.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.support.BrowserSignIn;
import com.truffle.gateway.support.BrowserSignIn.Signed;
import com.truffle.gateway.support.GatewayTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Behind an https public URL (TLS at the Ingress), the cookies are Secure and carry the __Host-/__Secure- prefixes. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
@TestProfile(HttpsBrowserSessionTest.HttpsPublicUrl.class)
class HttpsBrowserSessionTest {

    public static class HttpsPublicUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truffle.gateway.browser.public-url", "https://app.truffle.test");
        }
    }

    @Test
    void underHttpsBothCookiesAreSecureAndHostBound() {
        Signed alice = BrowserSignIn.as("admin@acme-tls.test", "Alice", "acme-tls", "company-admin", "/settings/api-keys",
                "__Secure-truffle_login", "__Host-truffle_session");
        String session = BrowserSignIn.setCookie(alice.callback(), "__Host-truffle_session");
        assertThat(session).contains("Secure").contains("Path=/").containsIgnoringCase("HttpOnly").contains("SameSite=Lax")
                .doesNotContainIgnoringCase("Domain=");
        assertThat(BrowserSignIn.setCookie(alice.callback(), "__Secure-truffle_login")).contains("Max-Age=0").contains("Secure");
        assertThat(BrowserSignIn.query(java.net.URI.create(io.restassured.RestAssured.given().redirects().follow(false)
                .get("/login").header("Location")).getRawQuery())).containsEntry("redirect_uri", "https://app.truffle.test/auth/callback");
        assertThat(GatewayTestResource.oidc()).isNotNull();
    }
}
