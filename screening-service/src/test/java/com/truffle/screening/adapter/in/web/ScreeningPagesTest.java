package com.truffle.screening.adapter.in.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.PageRequests;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The candidate's screener, the result page and account settings, as the gateway forwards them. */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class ScreeningPagesTest {

    GreenMail greenMail;

    static io.restassured.specification.RequestSpecification browser() {
        return given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").redirects().follow(false);
    }

    static List<String> answerFields(String html) {
        Matcher m = Pattern.compile("name=\"(answer-[0-9a-f-]{36})\"").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void aCandidateStartsAnswersAndSubmitsInTheBrowser() {
        Api api = new Api();
        given().auth().oauth2(api.admin).contentType("application/json").body("{\"display_name\":\"Acme Robotics\"}")
                .patch("/v1/account").then().statusCode(200);
        Api.Invited invited = api.invitedCandidate(greenMail);
        String link = "/screener/" + invited.token();

        Response welcome = browser().get(link);
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.contentType()).startsWith("text/html");
        assertThat(welcome.asString()).contains("Acme Robotics invites you").contains("Backend engineer")
                .contains("Which languages do you use?").contains(">Start</button>").doesNotContain("unit tests");
        // the JSON of the same link is unchanged for API clients
        given().get(link).then().statusCode(200).contentType("application/json").body("status", equalTo("INVITED"));

        Response started = browser().contentType("application/x-www-form-urlencoded").formParam("step", "start").post(link);
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(started.header("Location")).endsWith(link);
        String form = browser().get(link).asString();
        List<String> fields = answerFields(form);
        assertThat(fields).hasSize(2);
        assertThat(form).contains("<label for=\"" + fields.get(0) + "\">Question 1: Which languages do you use?</label>")
                .contains(">Submit</button>");

        Response missing = browser().contentType("application/x-www-form-urlencoded").formParam("step", "submit")
                .formParam(fields.get(0), "Java").formParam(fields.get(1), " ").post(link);
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.asString()).contains("Please answer every question").contains(">Java</textarea>")
                .contains("This question needs an answer.");

        Response done = browser().contentType("application/x-www-form-urlencoded").formParam("step", "submit")
                .formParam(fields.get(0), "Java every day, SQL too.")
                .formParam(fields.get(1), "Unit tests and integration tests in CI.").post(link);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.asString()).contains("Thank you!").contains("Acme Robotics");
        given().auth().oauth2(api.read).get("/v1/screenings/{id}", invited.screening()).then().body("status", equalTo("COMPLETED"))
                .body("score", equalTo(88));

        Response again = browser().get(link);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.asString()).contains("You have already completed this screening");
    }

    @Test
    void expiredCancelledAndUnknownLinksGetAFriendlyPageWithTheRightStatus() {
        Api api = new Api();
        Api.Invited expired = api.invitedCandidate(greenMail);
        TestDatabase.query("update screening set expires_at = now() - interval '1 minute' where id = ?::uuid returning id", expired.screening());
        Response e = browser().get("/screener/" + expired.token());
        assertThat(e.statusCode()).isEqualTo(410);
        assertThat(e.asString()).contains("This screening link has expired");
        assertThat(browser().contentType("application/x-www-form-urlencoded").formParam("step", "start")
                .post("/screener/" + expired.token()).statusCode()).isEqualTo(410);

        Api.Invited cancelled = api.invitedCandidate(greenMail);
        TestDatabase.query("update screening set status = 'CANCELLED', cancelled_at = now() where id = ?::uuid returning id",
                cancelled.screening());
        Response c = browser().get("/screener/" + cancelled.token());
        assertThat(c.statusCode()).isEqualTo(410);
        assertThat(c.asString()).contains("This screening is no longer available");

        for (String token : List.of("x".repeat(43), "short")) {
            Response u = browser().get("/screener/" + token);
            assertThat(u.statusCode()).isEqualTo(404);
            assertThat(u.contentType()).startsWith("text/html");
            assertThat(u.asString()).contains("This link is not valid");
        }
    }

    @Test
    void theResultPageShowsScoresAndAnswersToItsCompanyOnly() {
        Api api = new Api();
        given().auth().oauth2(api.admin).contentType("application/json").body("{\"timezone\":\"Europe/Paris\"}")
                .patch("/v1/account").then().statusCode(200);
        Api.Invited invited = api.invitedCandidate(greenMail);
        String link = "/screener/" + invited.token();
        browser().contentType("application/x-www-form-urlencoded").formParam("step", "start").post(link);
        List<String> fields = answerFields(browser().get(link).asString());
        browser().contentType("application/x-www-form-urlencoded").formParam("step", "submit")
                .formParam(fields.get(0), "Java every day, SQL too.")
                .formParam(fields.get(1), "Unit tests and integration tests in CI.").post(link).then().statusCode(200);

        String result = PageRequests.text(PageRequests.page(InternalTokens.sign("user:rec@" + api.company, api.company,
                List.of("company-member"), "Rhea Recruiter")).get("/screenings/" + invited.screening()).then().statusCode(200)
                .extract().asString());
        assertThat(result).contains("Ada Lovelace").contains("Backend engineer").contains("Completed").contains("88")
                .contains("Which languages do you use?").contains("Java every day, SQL too.").contains("unit tests, integration, CI")
                .containsPattern("(CET|CEST)").contains("Signed in as");

        Response other = PageRequests.companyAdmin("co-other").get("/screenings/" + invited.screening());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.asString()).contains("Screening not found");
        assertThat(PageRequests.companyAdmin(api.company).get("/screenings/not-a-uuid").statusCode()).isEqualTo(404);
    }

    @Test
    void accountSettingsAreEditedInTheirPage() {
        Api api = new Api();
        String page = PageRequests.companyAdmin(api.company).get("/settings/account").then().statusCode(200).extract().asString();
        assertThat(page).contains("<label for=\"display_name\">Display name</label>").contains("<label for=\"sender_name\">Sender name</label>")
                .contains("<label for=\"timezone\">Time zone</label>").contains("<option value=\"UTC\" selected>");
        assertThat(PageRequests.everyFormCarriesTheToken(page)).isTrue();
        Response saved = PageRequests.companyAdmin(api.company).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).formParam("display_name", "Acme Robotics").formParam("sender_name", "Acme Hiring")
                .formParam("timezone", "Europe/Paris").post("/settings/account");
        assertThat(saved.statusCode()).isEqualTo(303);
        given().auth().oauth2(api.admin).get("/v1/account").then().body("display_name", equalTo("Acme Robotics"))
                .body("timezone", equalTo("Europe/Paris"));
        Response bad = PageRequests.companyAdmin(api.company).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).formParam("display_name", "x").formParam("timezone", "Mars/Olympus")
                .post("/settings/account");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.asString()).contains("IANA time zone");
        given().auth().oauth2(api.admin).get("/v1/account").then().body("display_name", equalTo("Acme Robotics"));
    }
}
