package com.truffle.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.stack.LocalStack.GatewayReplica;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The browser session at the edge of the packaged stack, over plain HTTP so every header can be checked: sealed
 * cookie with the right flags, valid on every gateway replica (no per-replica memory), never an API key, CSRF and
 * Origin on every change (nothing changed when refused), and sign-out on one replica ends it on the other.
 */
class BrowserSessionIT {

    static final String SESSION = "truffle_session";
    static final String LOGIN = "truffle_login";
    static GatewayReplica second;

    @BeforeAll
    static void twoGateways() {
        Stack.get();
        second = Stack.secondGateway();
    }

    static String origin() {
        return Stack.get().gatewayUrl();
    }

    record SignedIn(String cookie, String setCookie) {
    }

    /** The code flow by hand at {@code gateway}: /login, the provider's form, /auth/callback. */
    static SignedIn signIn(String gateway, String company) {
        Response login = given().baseUri(gateway).redirects().follow(false).queryParam("next", "/settings/api-keys").get("/login");
        URI authorize = URI.create(login.header("Location"));
        var form = given().baseUri(authorize.getScheme() + "://" + authorize.getAuthority()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded");
        for (String pair : authorize.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            form.formParam(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        Response answer = form.formParam("email", "admin@" + company + ".test").formParam("name", "Alice Admin")
                .formParam("company", company).formParam("role", "company-admin").post("/authorize");
        URI callback = URI.create(answer.header("Location"));
        Response done = given().baseUri(gateway).redirects().follow(false).urlEncodingEnabled(false)
                .cookie(LOGIN, login.getCookie(LOGIN)).get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(done.statusCode()).as(done.asString()).isEqualTo(302);
        String set = done.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION + "=")).findFirst().orElseThrow();
        return new SignedIn(done.getCookie(SESSION), set);
    }

    static RequestSpecification as(String gateway, String cookie) {
        return given().baseUri(gateway).redirects().follow(false).cookie(SESSION, cookie);
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a form with its CSRF token").isTrue();
        return m.group(1);
    }

    static int keys(String company) {
        return Stack.gateway().auth().oauth2(Stack.adminToken(company)).get("/v1/api-keys").jsonPath().getList("data").size();
    }

    @Test
    void aSessionMadeOnOneGatewayWorksOnAnotherAndSignOutOnEitherEndsItOnBoth() {
        String company = Platform.approvedCompany();
        SignedIn alice = signIn(origin(), company);
        assertThat(alice.setCookie()).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure")
                .containsPattern("Max-Age=3[0-9]{3}");

        // the other replica opens the same sealed session and its CSRF token is the same
        String pageOnFirst = as(origin(), alice.cookie()).get("/settings/api-keys").then().statusCode(200).extract().asString();
        String pageOnSecond = as(second.url(), alice.cookie()).get("/settings/api-keys").then().statusCode(200).extract().asString();
        assertThat(csrf(pageOnSecond)).isEqualTo(csrf(pageOnFirst));
        as(second.url(), alice.cookie()).header("Origin", origin()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", csrf(pageOnFirst)).formParam("name", "Made on replica two").formParam("permission", "READ")
                .post("/settings/api-keys").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> keys(company) == 1);

        // sign out on the second: the first refuses the very same cookie soon after (broadcast on Kafka)
        as(second.url(), alice.cookie()).get("/logout").then().statusCode(302);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> as(origin(), alice.cookie()).get("/settings/api-keys").statusCode() == 302);
        assertThat(as(origin(), alice.cookie()).get("/settings/api-keys").header("Location")).startsWith("/login");
        as(second.url(), alice.cookie()).accept("application/json").get("/v1/api-keys").then().statusCode(401);
    }

    @Test
    void theCookieAloneIsNeverAnApiKey() {
        String company = Platform.approvedCompany();
        String cookie = signIn(origin(), company).cookie();
        for (String path : List.of("/v1/jobs", "/v1/candidates", "/v1/screenings", "/v1/webhooks")) {
            as(origin(), cookie).accept("application/json").get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aChangeWithoutTheTokenOrFromAnotherSiteIs403AndChangesNothing() {
        String company = Platform.approvedCompany();
        String cookie = signIn(origin(), company).cookie();
        String token = csrf(as(origin(), cookie).get("/settings/api-keys/new").asString());
        int before = keys(company);

        Response noToken = as(origin(), cookie).header("Origin", origin()).contentType("application/x-www-form-urlencoded")
                .formParam("name", "forged").formParam("permission", "ADMIN").post("/settings/api-keys");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.contentType()).startsWith("text/html");

        Response crossSite = as(origin(), cookie).header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", token).formParam("name", "forged").formParam("permission", "ADMIN").post("/settings/api-keys");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        Response fetchCrossSite = as(origin(), cookie).header("Sec-Fetch-Site", "cross-site").header("X-CSRF-Token", token)
                .contentType("application/json").body("{\"name\":\"forged\",\"permission\":\"ADMIN\"}").post("/v1/api-keys");
        assertThat(fetchCrossSite.statusCode()).isEqualTo(403);
        assertThat(keys(company)).as("nothing was created").isEqualTo(before);

        // with the token, from the site: it works (the refusals above were for the reasons tested)
        as(origin(), cookie).header("Origin", origin()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", token).formParam("name", "real").formParam("permission", "READ")
                .post("/settings/api-keys").then().statusCode(200);
        assertThat(keys(company)).isEqualTo(before + 1);
    }

    @Test
    void pagesCarryTheirSecurityHeaders() {
        String cookie = signIn(origin(), Platform.approvedCompany()).cookie();
        Response page = as(origin(), cookie).get("/settings/api-keys");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'")
                .contains("form-action 'self'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        given().baseUri(origin()).get("/assets/truffle.css").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/css"));
    }
}
