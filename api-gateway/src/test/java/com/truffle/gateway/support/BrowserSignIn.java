package com.truffle.gateway.support;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

/**
 * A person signing in as a browser would, without one: the gateway's {@code /login}, the dev provider's form,
 * back to {@code /auth/callback} with the login cookie. Every hop is a real HTTP request; redirects are followed
 * by hand so each answer can be checked.
 */
public final class BrowserSignIn {

    public static final String PUBLIC_URL = "http://gateway.test";
    public static final String SESSION_COOKIE = "truffle_session";
    public static final String LOGIN_COOKIE = "truffle_login";

    /** What the browser holds after signing in, and the callback's answer (for its Set-Cookie and Location). */
    public record Signed(String session, Response callback) {
    }

    public static Signed companyAdmin(String company) {
        return as("admin@" + company + ".test", "Alice Admin", company, "company-admin", "/settings/api-keys");
    }

    public static Signed staff() {
        return as("rita@truffle.test", "Rita Reviewer", null, "truffle-staff", "/staff/review");
    }

    public static Signed as(String email, String name, String company, String role, String next) {
        return as(email, name, company, role, next, LOGIN_COOKIE, SESSION_COOKIE);
    }

    /** With the cookie names of the gateway's public URL ({@code __Secure-}/{@code __Host-} under https). */
    public static Signed as(String email, String name, String company, String role, String next, String loginCookie,
            String sessionCookie) {
        Response login = given().redirects().follow(false).queryParam("next", next).get("/login");
        if (login.statusCode() != 302) {
            throw new AssertionError("/login answered " + login.statusCode() + ": " + login.asString());
        }
        Response answer = answerTheForm(login.header("Location"), email, name, company, role);
        URI callback = URI.create(answer.header("Location"));
        Response done = given().redirects().follow(false).cookie(loginCookie, login.getCookie(loginCookie))
                .urlEncodingEnabled(false).get(callback.getRawPath() + "?" + callback.getRawQuery());
        String session = done.getCookie(sessionCookie);
        if (done.statusCode() != 302 || session == null) {
            throw new AssertionError("/auth/callback answered " + done.statusCode() + ": " + done.asString());
        }
        return new Signed(session, done);
    }

    /** The dev provider's form, filled in and sent: its answer redirects to the gateway's callback. */
    public static Response answerTheForm(String authorizeUrl, String email, String name, String company, String role) {
        URI authorize = URI.create(authorizeUrl);
        var form = given().baseUri(authorize.getScheme() + "://" + authorize.getAuthority()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded");
        query(authorize.getRawQuery()).forEach(form::formParam);
        form.formParam("email", email).formParam("name", name).formParam("role", role);
        if (company != null) {
            form.formParam("company", company);
        }
        Response answer = form.post("/authorize");
        if (answer.statusCode() != 302) {
            throw new AssertionError("the provider's form answered " + answer.statusCode() + ": " + answer.asString());
        }
        return answer;
    }

    public static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The Set-Cookie header for {@code name}, as sent. */
    public static String setCookie(Response response, String name) {
        List<String> all = response.headers().getValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }

    private BrowserSignIn() {
    }
}
