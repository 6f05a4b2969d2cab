package com.truffle.gateway.adapter.in.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.support.BrowserSignIn;
import com.truffle.gateway.support.BrowserSignIn.Signed;
import com.truffle.gateway.support.FakeService;
import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.TestApiKey;
import com.truffle.gateway.support.Replica;
import com.truffle.platform.browser.BrowserContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * People in browsers, through the running gateway: OpenID sign-in at a real provider (code flow + PKCE), the
 * sealed session cookie, the CSRF token and Origin check on every change, sign-out, and a cookie that is never an
 * API key. The services are recording fakes: what reached them, and as whom, is checked.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class BrowserSessionTest {

    static final String ORIGIN = BrowserSignIn.PUBLIC_URL;

    static RequestSpecification browser(String session, String requestId) {
        return given().redirects().follow(false).header("X-Request-Id", requestId)
                .cookie(BrowserSignIn.SESSION_COOKIE, session).accept("text/html");
    }

    static String id() {
        return "browser-" + UUID.randomUUID();
    }

    static List<FakeService.Received> atKeyService(String requestId) {
        return GatewayTestResource.keyService().http().withRequestId(requestId);
    }

    static String csrfSeenUpstream(String session) {
        String rid = id();
        browser(session, rid).get("/settings/api-keys").then().statusCode(200);
        return atKeyService(rid).get(0).header(BrowserContract.FORWARDED_CSRF_HEADER);
    }

    @Test
    void aPageWithoutASessionGoesToSignInAndComesBackToThatPage() {
        Response page = given().redirects().follow(false).get("/settings/api-keys");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo("/login?next=%2Fsettings%2Fapi-keys");

        Response login = given().redirects().follow(false).queryParam("next", "/settings/api-keys").get("/login");
        assertThat(login.statusCode()).isEqualTo(302);
        Map<String, String> authorize = BrowserSignIn.query(java.net.URI.create(login.header("Location")).getRawQuery());
        assertThat(login.header("Location")).startsWith(GatewayTestResource.oidc().url() + "/authorize?");
        assertThat(authorize).containsEntry("response_type", "code").containsEntry("client_id", "truffle-gateway")
                .containsEntry("redirect_uri", ORIGIN + "/auth/callback").containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(BrowserSignIn.setCookie(login, BrowserSignIn.LOGIN_COOKIE))
                .contains("Path=/auth/callback").containsIgnoringCase("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");

        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        assertThat(alice.callback().header("Location")).isEqualTo("/settings/api-keys");
        String cookie = BrowserSignIn.setCookie(alice.callback(), BrowserSignIn.SESSION_COOKIE);
        assertThat(cookie).contains("Path=/").containsIgnoringCase("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        long maxAge = Long.parseLong(cookie.replaceAll("(?i).*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).as("the session expires with the provider's token (1 h)").isBetween(3500L, 3600L);
        assertThat(alice.session()).doesNotContain("Alice").doesNotContain("acme-browser"); // sealed, not just signed
    }

    @Test
    void aPageIsForwardedAsThePersonWithTheSessionsCsrfTokenAndNeverTheCookie() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        String rid = id();
        browser(alice.session(), rid).get("/settings/api-keys").then().statusCode(200);
        FakeService.Received r = atKeyService(rid).get(0);
        assertThat(r.claims()).containsEntry("principal", "user:admin@acme-browser.test").containsEntry("company_id", "acme-browser")
                .containsEntry("name", "Alice Admin");
        assertThat((List<Object>) r.claims().get("groups")).containsExactly("company-admin", "company-member");
        assertThat(r.header(BrowserContract.FORWARDED_CSRF_HEADER)).hasSizeGreaterThan(20);
        assertThat(r.header("Cookie")).isNull();
        // the same token on every request of the session, and another session's is another
        assertThat(csrfSeenUpstream(alice.session())).isEqualTo(r.header(BrowserContract.FORWARDED_CSRF_HEADER));
        assertThat(csrfSeenUpstream(BrowserSignIn.companyAdmin("acme-browser").session()))
                .isNotEqualTo(r.header(BrowserContract.FORWARDED_CSRF_HEADER));
    }

    @Test
    void aFormWithTheSessionsTokenFromTheSiteIsForwardedWithItsBody() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        String csrf = csrfSeenUpstream(alice.session());
        String rid = id();
        browser(alice.session(), rid).header("Origin", ORIGIN).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/x-www-form-urlencoded").formParam(BrowserContract.CSRF_FIELD, csrf)
                .formParam("name", "CRM sync").formParam("permission", "READ").post("/settings/api-keys")
                .then().statusCode(200);
        FakeService.Received r = atKeyService(rid).get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.bodyBytes()).as("the form, as the browser sent it").isGreaterThan(csrf.length())
                .isEqualTo(Long.parseLong(r.header("Content-Length")));
    }

    @Test
    void aFormWithoutTheTokenOrWithAnotherSessionsIs403AndChangesNothing() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        String otherToken = csrfSeenUpstream(BrowserSignIn.companyAdmin("acme-browser").session());
        for (String token : new String[] {null, "", otherToken, "forged"}) {
            String rid = id();
            var post = browser(alice.session(), rid).header("Origin", ORIGIN).contentType("application/x-www-form-urlencoded")
                    .formParam("name", "x");
            if (token != null) {
                post.formParam(BrowserContract.CSRF_FIELD, token);
            }
            Response refused = post.post("/settings/api-keys");
            assertThat(refused.statusCode()).as("token %s", token).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("text/html");
            assertThat(refused.asString()).contains("Form expired");
            assertThat(atKeyService(rid)).as("never forwarded").isEmpty();
        }
    }

    @Test
    void aChangeFromAnotherSiteIs403EvenWithTheToken() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        String csrf = csrfSeenUpstream(alice.session());
        for (String[] from : new String[][] {{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"},
                {"Sec-Fetch-Site", "same-site"}, {"Origin", "null"}}) {
            String rid = id();
            Response refused = browser(alice.session(), rid).header(from[0], from[1])
                    .contentType("application/x-www-form-urlencoded").formParam(BrowserContract.CSRF_FIELD, csrf)
                    .post("/settings/api-keys");
            assertThat(refused.statusCode()).as("%s: %s", from[0], from[1]).isEqualTo(403);
            assertThat(refused.asString()).contains("Cross-site request refused");
            assertThat(atKeyService(rid)).isEmpty();
        }
    }

    @Test
    void theCookieIsNeverAnApiKey() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        for (String path : List.of("/v1/jobs", "/v1/candidates", "/v1/webhooks", "/v1/account")) {
            String rid = id();
            Response r = browser(alice.session(), rid).accept("application/json").get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.contentType()).isEqualTo("application/problem+json");
            assertThat(GatewayTestResource.screeningService().withRequestId(rid)).isEmpty();
        }
    }

    @Test
    void onTheSessionRoutesTheCookieWorksAndAChangeNeedsTheCsrfHeader() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        String rid = id();
        browser(alice.session(), rid).accept("application/json").get("/v1/api-keys").then().statusCode(200);
        assertThat((List<Object>) atKeyService(rid).get(0).claims().get("groups")).containsExactly("company-admin");

        String refused = id();
        browser(alice.session(), refused).header("Origin", ORIGIN).contentType("application/json").body("{}")
                .post("/v1/api-keys").then().statusCode(403).contentType("application/problem+json");
        assertThat(atKeyService(refused)).isEmpty();

        String allowed = id();
        browser(alice.session(), allowed).header("Origin", ORIGIN).header(BrowserContract.CSRF_HEADER, csrfSeenUpstream(alice.session()))
                .contentType("application/json").body("{}").post("/v1/api-keys").then().statusCode(200);
        assertThat(atKeyService(allowed)).hasSize(1);
        assertThat(atKeyService(allowed).get(0).header(BrowserContract.FORWARDED_CSRF_HEADER)).isNull();
    }

    @Test
    void staffAndCompanyAdminsEachStayOnTheirOwnPages() {
        String staff = BrowserSignIn.staff().session();
        String admin = BrowserSignIn.companyAdmin("acme-browser").session();
        Response staffOnCompanyPage = browser(staff, id()).get("/settings/api-keys");
        assertThat(staffOnCompanyPage.statusCode()).isEqualTo(403);
        assertThat(staffOnCompanyPage.contentType()).startsWith("text/html");
        assertThat(browser(admin, id()).get("/staff/review").statusCode()).isEqualTo(403);
        assertThat(browser(staff, id()).get("/screenings/s-1").statusCode()).as("a result is for its company").isEqualTo(403);

        String rid = id();
        browser(staff, rid).get("/staff/review").then().statusCode(200);
        FakeService.Received r = GatewayTestResource.accessService().withRequestId(rid).get(0);
        assertThat(r.claims()).containsEntry("principal", "staff:rita@truffle.test").doesNotContainKey("company_id");
    }

    @Test
    void homeLeadsEachPersonToTheirStartPage() {
        assertThat(given().redirects().follow(false).get("/").header("Location")).isEqualTo("/login");
        assertThat(browser(BrowserSignIn.companyAdmin("acme-browser").session(), id()).get("/").header("Location"))
                .isEqualTo("/settings/integrations");
        assertThat(browser(BrowserSignIn.staff().session(), id()).get("/").header("Location")).isEqualTo("/staff/review");
    }

    @Test
    void signOutEndsTheSessionForEveryCopyOfTheCookie() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        browser(alice.session(), id()).get("/settings/api-keys").then().statusCode(200);

        Response out = browser(alice.session(), id()).get("/logout");
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.header("Location")).startsWith(GatewayTestResource.oidc().url() + "/logout?")
                .contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(ORIGIN + "/", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(BrowserSignIn.setCookie(out, BrowserSignIn.SESSION_COOKIE)).contains("Max-Age=0");

        String rid = id();
        Response after = browser(alice.session(), rid).get("/settings/api-keys");
        assertThat(after.statusCode()).as("the old cookie, replayed").isEqualTo(302);
        assertThat(after.header("Location")).startsWith("/login");
        assertThat(atKeyService(rid)).isEmpty();
        browser(alice.session(), id()).accept("application/json").get("/v1/api-keys").then().statusCode(401);
    }

    @Test
    void aTamperedCookieOrOneFromAnotherGatewayKeyIsNoSession() {
        String good = BrowserSignIn.companyAdmin("acme-browser").session();
        char last = good.charAt(good.length() - 2);
        String tampered = good.substring(0, good.length() - 2) + (last == 'A' ? 'B' : 'A') + good.charAt(good.length() - 1);
        for (String cookie : List.of(tampered, "garbage", good.substring(0, good.length() / 2))) {
            String rid = id();
            assertThat(browser(cookie, rid).get("/settings/api-keys").statusCode()).isEqualTo(302);
            assertThat(atKeyService(rid)).isEmpty();
        }
    }

    @Test
    void theCallbackRefusesAnAnswerOfAnotherSignIn() {
        Response login = given().redirects().follow(false).get("/login");
        Response answer = BrowserSignIn.answerTheForm(login.header("Location"), "eve@evil.test", "Eve", "acme-browser", "company-admin");
        var callback = java.net.URI.create(answer.header("Location"));
        // no login cookie: the answer does not belong to this browser
        Response noCookie = given().redirects().follow(false).urlEncodingEnabled(false)
                .get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(noCookie.statusCode()).isEqualTo(400);
        assertThat(noCookie.asString()).contains("Sign-in failed");
        assertThat(noCookie.getCookie(BrowserSignIn.SESSION_COOKIE)).isNull();
        // another sign-in's login cookie (its state differs)
        Response other = given().redirects().follow(false).get("/login");
        Response wrongState = given().redirects().follow(false).cookie(BrowserSignIn.LOGIN_COOKIE, other.getCookie(BrowserSignIn.LOGIN_COOKIE))
                .urlEncodingEnabled(false).get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(wrongState.statusCode()).isEqualTo(400);
        assertThat(wrongState.getCookie(BrowserSignIn.SESSION_COOKIE)).isNull();
    }

    @Test
    void signInNeverLeavesTheSite() {
        Signed back = BrowserSignIn.as("admin@acme-browser.test", "Alice", "acme-browser", "company-admin", "//evil.example/phish");
        assertThat(back.callback().header("Location")).isEqualTo("/settings/integrations");
        Signed slash = BrowserSignIn.as("admin@acme-browser.test", "Alice", "acme-browser", "company-admin", "/\\evil.example");
        assertThat(slash.callback().header("Location")).isEqualTo("/settings/integrations");
    }

    @Test
    void aFormOverSixtyFourKibibytesIs413() {
        Signed alice = BrowserSignIn.companyAdmin("acme-browser");
        String rid = id();
        Response big = browser(alice.session(), rid).header("Origin", ORIGIN).contentType("application/x-www-form-urlencoded")
                .formParam("description", "x".repeat(70 * 1024)).post("/settings/api-keys");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.contentType()).startsWith("text/html");
        assertThat(atKeyService(rid)).isEmpty();
    }

    @Test
    void aServicesRedirectNeverNamesItsOwnAddressAndPagesGetTheirSecurityHeaders() {
        FakeService keys = GatewayTestResource.keyService().http();
        keys.handle("/settings/api-keys/new", exchange -> {
            exchange.getResponseHeaders().set("Location", keys.url() + "/settings/api-keys?done=x");
            FakeService.respond(exchange, 303, "{}");
            return true;
        });
        Response r = browser(BrowserSignIn.companyAdmin("acme-browser").session(), id()).get("/settings/api-keys/new");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/settings/api-keys?done=x");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anApiKeyStillWorksBesideACookieAndTheCookieNeverReachesTheService() {
        TestApiKey key = Replica.admit(TestApiKey.live("acme-browser", "READ"));
        String rid = id();
        given().header("X-Request-Id", rid).header("Authorization", key.bearer())
                .cookie(BrowserSignIn.SESSION_COOKIE, BrowserSignIn.companyAdmin("acme-browser").session())
                .get("/v1/jobs").then().statusCode(200);
        FakeService.Received r = GatewayTestResource.screeningService().withRequestId(rid).get(0);
        assertThat(r.claims()).containsEntry("principal", "api-key:" + key.keyId());
        assertThat(r.header("Cookie")).isNull();
    }
}
