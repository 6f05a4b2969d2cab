package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.restassured.http.ContentType;

/**
 * The help articles' screens, clicked through in real headless Chromium at the gateway of the packaged stack:
 * sign-in at the dev identity provider, API access from trial to approved (staff decide in their queue), an API
 * key created, read from the page, used, regenerated and revoked, Ashby connected, a candidate taking the
 * screening from the mail on a phone, and the recruiter opening the result from Ashby's link. Every step is
 * screenshotted (target/screenshots) and every page scanned with axe-core.
 */
class BrowserIT {

    static Browser browser;

    @BeforeAll
    static void open() {
        browser = new Browser(Stack.get().gatewayUrl());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            List<String> problems = browser.accessibilityProblems();
            browser.close();
            assertThat(problems).as("serious or critical accessibility violations (axe-core)").isEmpty();
        }
    }

    static String admin(String company) {
        return "admin@" + company + ".test";
    }

    @Test
    void fromTrialToApprovedAccessToAKeyThatWorksIsRegeneratedAndRevoked() {
        String company = Stack.newCompany();
        // a company admin on a trial plan: the API is for paid accounts
        browser.signIn("/settings/integrations/api-access", admin(company), "Alice Admin", company, false);
        assertThat(browser.path()).isEqualTo("/settings/integrations/api-access");
        browser.look("api-access-trial");
        assertThat(browser.text()).contains("The Truffle API is available exclusively for paid accounts").contains("Upgrade your plan");
        assertThat(browser.has("Request API Access")).isFalse();
        browser.signOut();

        // Truffle staff put the company on the paid plan from its company page
        browser.signIn("/staff/review/companies", "rita@truffle.test", "Rita Reviewer", null, true);
        browser.look("staff-companies").type("company", company).go("Open");
        assertThat(browser.path()).as(browser.text()).startsWith("/staff/review/companies/");
        browser.look("staff-company-trial");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("plan"))).selectByVisibleText("Paid");
        browser.go("Change plan").awaitText("Plan changed.", false).look("staff-company-paid");
        assertThat(browser.text()).contains("Paid").contains("Plan TRIAL → PAID");
        browser.signOut();

        // the admin requests access with the use case
        browser.signIn("/settings/integrations/api-access", admin(company), "Alice Admin", company, false);
        browser.type("use_case", "Sync candidates to our CRM").look("api-access-request").go("Request API Access");
        browser.awaitText("Your request was sent.", false).look("api-access-pending");
        assertThat(browser.text()).contains("Pending review");
        browser.signOut();

        // staff approve it in the queue
        browser.signIn("/staff/review", "rita@truffle.test", "Rita Reviewer", null, true);
        browser.awaitText(company, true).look("staff-queue");
        browser.clickWithin("data-company", company, "Approve");
        browser.awaitText("Approved: " + company, false).look("staff-queue-approved");
        browser.signOut();

        // the admin creates a READ key and reads it from the page, once
        browser.signIn("/settings/api-keys", admin(company), "Alice Admin", company, false);
        browser.awaitText("Create API Key", true).look("api-keys-empty");
        browser.go("Create API Key").look("create-api-key");
        assertThat(browser.text()).contains("Always use the minimum permissions needed").contains("Sync candidates, jobs and screening results.");
        browser.type("name", "CRM sync").type("description", "Nightly candidate sync");
        browser.driver().findElement(By.id("permission-READ")).click();
        browser.go("Create");
        browser.awaitText("Copy your API key immediately after creation. You won't be able to see it again.", false);
        String secret = browser.value("secret-value");
        assertThat(secret).startsWith("trf_live_");
        browser.click("Copy");
        assertThat(browser.driver().findElement(By.cssSelector("button[data-copy-target]")).getText()).isNotEqualTo("Copy");
        browser.look("api-key-created");
        gateway().auth().oauth2(secret).get("/v1/jobs").then().statusCode(200);
        gateway().auth().oauth2(secret).contentType(ContentType.JSON).body("{\"title\":\"x\"}").post("/v1/jobs").then().statusCode(403);

        // the table shows the key without its secret
        browser.open("/settings/api-keys").look("api-keys-list");
        assertThat(browser.text()).contains("CRM sync").contains("Read").contains("…" + secret.substring(secret.length() - 4))
                .doesNotContain(secret);

        // regenerate behind its warning: the new key once, the old one refused
        browser.go("Regenerate").look("regenerate-confirm");
        assertThat(browser.text()).contains("The old key will stop working immediately after regeneration.");
        browser.go("Regenerate").awaitText("API key regenerated", false);
        String regenerated = browser.value("secret-value");
        assertThat(regenerated).startsWith("trf_live_").isNotEqualTo(secret);
        browser.look("api-key-regenerated");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> gateway().auth().oauth2(secret).get("/v1/jobs").statusCode() == 401);
        gateway().auth().oauth2(regenerated).get("/v1/jobs").then().statusCode(200);

        // revoke behind its warning
        browser.open("/settings/api-keys").go("Revoke").look("revoke-confirm");
        assertThat(browser.text()).contains("This cannot be undone.");
        browser.go("Revoke").awaitText("API key revoked.", false).look("api-key-revoked");
        assertThat(browser.text()).doesNotContain("CRM sync");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> gateway().auth().oauth2(regenerated).get("/v1/jobs").statusCode() == 401);
        browser.signOut();
    }

    @Test
    void ashbyConnectedACandidateScreensOnAPhoneAndTheRecruiterOpensTheResultFromAshby() {
        String company = Platform.approvedCompany();
        String write = Platform.createKey(company, "WRITE").getString("secret");
        String read = Platform.createKey(company, "READ").getString("secret");

        // the Ashby card: Connect with the Ashby API key, the Truffle key once, then Connected
        browser.signIn("/settings/integrations", admin(company), "Alice Admin", company, false);
        browser.look("integrations-not-connected");
        assertThat(browser.text()).contains("Not connected").contains("No activity yet");
        browser.go("Connect").look("ashby-connect");
        String ashbyKey = "ashby_" + UUID.randomUUID().toString().replace("-", "");
        browser.type("ashby_api_key", ashbyKey).go("Connect");
        browser.awaitText("Ashby connected", false);
        String partnerKey = browser.value("secret-value");
        assertThat(partnerKey).startsWith("trf_ashby_");
        browser.look("ashby-connected-key");
        browser.go("Back to Integrations").look("integrations-connected");
        assertThat(browser.text()).contains("Connected").contains("Reconnect").contains("Disconnect");
        browser.go("Reconnect").look("ashby-reconnect-confirm");
        assertThat(browser.text()).contains("stops working the moment you reconnect");
        browser.open("/settings/integrations/ashby/disconnect").look("ashby-disconnect-confirm");
        assertThat(browser.text()).contains("This cannot be undone");
        browser.open("/settings/account").look("account-settings");
        browser.type("display_name", "Acme Robotics").type("sender_name", "Acme Hiring");
        browser.go("Save").awaitText("Account settings saved.", false);
        browser.signOut();

        // Ashby starts an assessment; the candidate gets the mail and takes the screening on a phone
        String jobId = Ashby.job(write, "Backend engineer");
        Ashby.awaitListed(partnerKey, jobId);
        String email = "cand-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String assessmentId = Ashby.start(partnerKey, jobId, email, UUID.randomUUID().toString());
        String link = Stack.get().gatewayUrl() + "/screener/" + Ashby.screenerToken(email);
        browser.size(Browser.PHONE).open(link).look("screener-welcome-phone");
        assertThat(browser.text()).contains("Backend engineer").contains("Which languages do you write?");
        browser.go("Start").look("screener-questions-phone");
        String field = browser.driver().findElement(By.cssSelector("textarea[name^='answer-']")).getDomAttribute("id");
        browser.type(field, "Java and SQL, every day.").go("Submit");
        browser.awaitText("Thank you!", false).look("screener-thanks-phone");
        browser.open(link).look("screener-completed-phone");
        assertThat(browser.text()).contains("You have already completed this screening");
        browser.size(Browser.DESKTOP);

        // the recruiter follows the profile link Ashby received: sign in, then the result
        await().atMost(Duration.ofSeconds(30)).until(() -> Ashby.accepted(assessmentId).stream()
                .anyMatch(c -> c.body().path("assessment_result").has("value")));
        String profileUrl = Ashby.accepted(assessmentId).stream().filter(c -> c.body().path("assessment_result").has("value"))
                .findFirst().orElseThrow().body().path("assessment_profile_url").path("value").asText();
        assertThat(profileUrl).startsWith(Stack.get().gatewayUrl() + "/screenings/");
        browser.open(profileUrl);
        browser.fillSignInForm(admin(company), "Rhea Recruiter", company, false);
        browser.awaitText("Overall score", false).look("result-page");
        assertThat(browser.driver().getCurrentUrl()).as("back on the page Ashby linked to").isEqualTo(profileUrl);
        assertThat(browser.text()).contains("Grace Hopper").contains("Backend engineer").contains("Completed")
                .contains("Java and SQL, every day.").contains("100");
        gateway().auth().oauth2(read).get("/v1/screenings?candidate_email=" + email).then().statusCode(200);
        browser.signOut();

        // another company's admin: not found
        String other = Stack.newCompany();
        browser.open(profileUrl);
        browser.fillSignInForm(admin(other), "Mallory", other, false);
        browser.look("result-other-company");
        assertThat(browser.text()).contains("Screening not found");
        assertThat(browser.title()).contains("Screening not found");
        browser.signOut();
    }
}
