package com.truffle.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.truffle.platform.browser.BrowserContract;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The role names are the groups the gateway writes into its internal JWT: a route that asks for one of them admits
 * the credentials that carry it (API-key permissions expanded by the gateway: WRITE carries READ, ADMIN both) and
 * refuses every other with a 403 problem; no token is a 401 problem.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class RolesTest {

    static final String COMPANY = "acme";

    @Test
    void apiKeyPermissionsNestAsTheGatewayExpandsThem() {
        String read = InternalTokens.apiKey(COMPANY, "READ");
        String write = InternalTokens.apiKey(COMPANY, "WRITE");
        String admin = InternalTokens.apiKey(COMPANY, "ADMIN");

        assertThat(status("read", read)).isEqualTo(200);
        assertThat(status("read", write)).isEqualTo(200);
        assertThat(status("read", admin)).isEqualTo(200);
        assertThat(status("write", read)).isEqualTo(403);
        assertThat(status("write", write)).isEqualTo(200);
        assertThat(status("write", admin)).isEqualTo(200);
        assertThat(status("admin", write)).isEqualTo(403);
        assertThat(status("admin", admin)).isEqualTo(200);
    }

    @Test
    void eachKindOfCallerHasItsOwnRoleAndNoOther() {
        String companyAdmin = InternalTokens.companyAdmin(COMPANY);
        String member = InternalTokens.companyAdminInBrowser(COMPANY, "Ada");
        String staff = InternalTokens.staff();
        String partner = InternalTokens.partnerAshby(COMPANY);
        String service = InternalTokens.service("ashby-connector-service");
        String adminKey = InternalTokens.apiKey(COMPANY, "ADMIN");

        assertThat(status("company-admin", companyAdmin)).isEqualTo(200);
        assertThat(status("company-admin", adminKey)).as("an ADMIN key is no company admin").isEqualTo(403);
        assertThat(status("company-member", member)).isEqualTo(200);
        assertThat(status("company-member", companyAdmin)).as("signed in through the API, not in a browser").isEqualTo(403);
        assertThat(status("staff", staff)).isEqualTo(200);
        assertThat(status("staff", companyAdmin)).isEqualTo(403);
        assertThat(status("partner-ashby", partner)).isEqualTo(200);
        assertThat(status("partner-ashby", adminKey)).isEqualTo(403);
        assertThat(status("service", service)).isEqualTo(200);
        assertThat(status("service", staff)).as("service-to-service routes are for services only").isEqualTo(403);
    }

    @Test
    void aRefusalIsAProblemAndNoTokenIsUnauthenticated() {
        var forbidden = given().auth().oauth2(InternalTokens.apiKey(COMPANY, "READ")).get("/kit/roles/admin");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.jsonPath().getString("type")).endsWith("/forbidden");

        var anonymous = given().get("/kit/roles/read");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.jsonPath().getString("type")).endsWith("/unauthenticated");
    }

    @Test
    void aTokenSignedByAnyoneButTheGatewayIsNotTrusted() {
        String forged = InternalTokens.sign("user:admin@acme", COMPANY, List.of(Roles.COMPANY_ADMIN)).replaceFirst("\\.[^.]*$", ".AAAA");

        assertThat(status("company-admin", forged)).isEqualTo(401);
    }

    @Test
    void theBrowserGroupIsTheOneOfTheBrowserContract() {
        assertThat(Roles.COMPANY_MEMBER).isEqualTo(BrowserContract.COMPANY_MEMBER);
    }

    static int status(String route, String token) {
        return given().auth().oauth2(token).get("/kit/roles/" + route).statusCode();
    }
}
