package com.truffle.platform.testing;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.truffle.platform.browser.BrowserContract;
import io.restassured.specification.RequestSpecification;

/**
 * Page requests as the gateway forwards them to a service: the internal JWT of a person signed in in a browser and
 * the session's CSRF token in {@link BrowserContract#FORWARDED_CSRF_HEADER}; redirects are not followed, so a
 * test sees the 303 a form post answers.
 */
public final class PageRequests {

    /** The CSRF token the "gateway" of these tests forwards; every form must carry it back. */
    public static final String CSRF = "csrf-token-of-this-test-session";

    public static RequestSpecification companyAdmin(String company) {
        return page(InternalTokens.companyAdminInBrowser(company, "Alice Admin"));
    }

    public static RequestSpecification staff() {
        return page(InternalTokens.staffInBrowser("Sam Staff"));
    }

    public static RequestSpecification page(String internalToken) {
        return given().auth().oauth2(internalToken).header(BrowserContract.FORWARDED_CSRF_HEADER, CSRF)
                .accept("text/html").redirects().follow(false);
    }

    /** The value attribute of the input with this id, or null. */
    public static String inputValue(String html, String id) {
        Matcher m = Pattern.compile("<input[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*\\bvalue=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** The page with HTML's character escapes undone, to compare with the words a person reads. */
    public static String text(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Every form of the page carries the session's CSRF token. */
    public static boolean everyFormCarriesTheToken(String html) {
        int forms = count(html, "<form");
        int tokens = count(html, "name=\"" + BrowserContract.CSRF_FIELD + "\" value=\"" + CSRF + "\"");
        return forms == tokens;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private PageRequests() {
    }
}
