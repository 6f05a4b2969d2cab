package com.truffle.platform.web.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.truffle.platform.browser.BrowserContract;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A page's chrome for the person the gateway forwarded: who (the internal JWT's name, company), the session's CSRF
 * token (the header the gateway sets), which navigation and the breadcrumb trail each kind of page starts with.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class PageContextTest {

    @Test
    void aCompanySettingsPageNamesThePersonTheirCompanyAndStartsAtCompanySettings() {
        JsonPath page = given().auth().oauth2(InternalTokens.companyAdminInBrowser("acme", "Ada Admin"))
                .header(BrowserContract.FORWARDED_CSRF_HEADER, "csrf-123").get("/kit/page/company")
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getBoolean("signed_in")).isTrue();
        assertThat(page.getString("name")).isEqualTo("Ada Admin");
        assertThat(page.getString("company")).isEqualTo("acme");
        assertThat(page.getString("csrf")).isEqualTo("csrf-123");
        assertThat(page.getString("nav")).isEqualTo(Page.COMPANY_NAV);
        assertThat(page.getString("active")).isEqualTo("api-keys");
        assertThat(page.<Map<String, String>>getList("crumbs")).containsExactly(
                Map.of("label", "Company Settings", "href", "/settings/integrations"),
                Map.of("label", "API keys", "href", "/settings/api-keys"));
    }

    @Test
    void withoutADisplayNameThePrincipalWithoutItsKindIsShown() {
        JsonPath page = given().auth().oauth2(InternalTokens.companyAdmin("acme")).get("/kit/page/company")
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getString("name")).isEqualTo("admin@acme");
        assertThat(page.getString("csrf")).as("no session, no token").isNull();
    }

    @Test
    void aStaffPageHasTheStaffNavigationAndNoCompany() {
        JsonPath page = given().auth().oauth2(InternalTokens.staffInBrowser("Sam Staff")).get("/kit/page/staff")
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getString("nav")).isEqualTo(Page.STAFF_NAV);
        assertThat(page.getString("company")).isNull();
        assertThat(page.getString("name")).isEqualTo("Sam Staff");
        assertThat(page.<Map<String, String>>getList("crumbs")).extracting(c -> c.get("label")).containsExactly("Truffle staff", "Review");
    }

    @Test
    void aMembersPageOutsideCompanySettingsHasNoNavigationAndOnlyItsOwnTrail() {
        JsonPath page = given().auth().oauth2(InternalTokens.companyAdminInBrowser("acme", "Ada")).get("/kit/page/member")
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getString("nav")).isNull();
        assertThat(page.getString("company")).isEqualTo("acme");
        assertThat(page.<Map<String, String>>getList("crumbs")).extracting(c -> c.get("label")).isEqualTo(List.of("Screenings", "Ada L."));
    }

    @Test
    void aCompanyPageForSomeoneWithoutACompanyIsRefused() {
        var r = given().auth().oauth2(InternalTokens.staff()).get("/kit/page/company");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.jsonPath().getString("type")).endsWith("/no-company");
    }
}
