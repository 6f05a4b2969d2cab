package com.truffle.access.adapter.in.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.PageRequests;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** API access in Company Settings and the staff console, as the gateway forwards them (real PostgreSQL and Kafka). */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class AccessPagesTest {

    static String company() {
        return "co-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void paid(String company) {
        given().auth().oauth2(InternalTokens.staff()).contentType(ContentType.JSON).body("{\"plan\":\"PAID\"}")
                .put("/staff/companies/{id}/plan", company).then().statusCode(200);
    }

    static Response requestInPage(String company, String useCase) {
        return PageRequests.companyAdmin(company).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).formParam("use_case", useCase)
                .post("/settings/integrations/api-access");
    }

    static String pendingId(String company) {
        return given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-access").jsonPath().getString("latest_request.id");
    }

    @Test
    void aTrialCompanySeesThePaidPlanMessageAndNoRequestButton() {
        String company = company();
        String html = PageRequests.text(PageRequests.companyAdmin(company).get("/settings/integrations/api-access")
                .then().statusCode(200).contentType("text/html").extract().asString());
        assertThat(html).contains("The Truffle API is available exclusively for paid accounts").contains("Upgrade your plan")
                .contains("Not requested").contains("Trial").doesNotContain("Request API Access</button>");
        assertThat(PageRequests.everyFormCarriesTheToken(html)).isTrue();
        Response refused = requestInPage(company, "Sync");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestDatabase.count("select count(*) from access_request where company_id = ?", company)).isZero();
    }

    @Test
    void aPaidCompanyRequestsWithItsUseCaseAndSeesItPending() {
        String company = company();
        paid(company);
        String before = PageRequests.companyAdmin(company).get("/settings/integrations/api-access").asString();
        assertThat(before).contains("Request API Access</button>").contains("<label for=\"use_case\">Use case</label>");
        Response sent = requestInPage(company, "Sync candidates to our CRM");
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.header("Location")).endsWith("/settings/integrations/api-access?done=requested");
        String after = PageRequests.companyAdmin(company).get("/settings/integrations/api-access?done=requested").asString();
        assertThat(after).contains("Your request was sent.").contains("Pending review").contains("Sync candidates to our CRM")
                .doesNotContain("Request API Access</button>");
        // a second click creates nothing new
        requestInPage(company, "again");
        assertThat(TestDatabase.count("select count(*) from access_request where company_id = ?", company)).isEqualTo(1);
    }

    @Test
    void staffApproveFromTheQueueAndTheCompanySeesApproved() {
        String company = company();
        paid(company);
        requestInPage(company, "Zapier");
        String id = pendingId(company);
        String queue = PageRequests.staff().get("/staff/review").then().statusCode(200).extract().asString();
        assertThat(queue).contains("data-request-id=\"" + id + "\"").contains(company).contains("Zapier")
                .contains(">Approve</button>").contains(">Reject</a>");
        assertThat(PageRequests.everyFormCarriesTheToken(queue)).isTrue();

        Response approved = PageRequests.staff().contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).post("/staff/review/requests/" + id + "/approve");
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(approved.header("Location")).contains("done=approved");
        assertThat(PageRequests.staff().get("/staff/review").asString()).doesNotContain(id);
        assertThat(PageRequests.companyAdmin(company).get("/settings/integrations/api-access").asString()).contains("Approved")
                .contains("href=\"/settings/api-keys\"");
        // approving twice says so, and changes nothing
        Response again = PageRequests.staff().contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).post("/staff/review/requests/" + id + "/approve");
        assertThat(again.header("Location")).contains("done=decided");
    }

    @Test
    void rejectNeedsAReasonAndTheCompanyReadsIt() {
        String company = company();
        paid(company);
        requestInPage(company, "Scraping");
        String id = pendingId(company);
        assertThat(PageRequests.staff().get("/staff/review/requests/" + id + "/reject").asString())
                .contains("<label for=\"reason\">Reason</label>");
        Response blank = PageRequests.staff().contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).formParam("reason", "  ").post("/staff/review/requests/" + id + "/reject");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.asString()).contains("Give a reason");
        assertThat(pendingStatus(company)).isEqualTo("PENDING");

        PageRequests.staff().contentType("application/x-www-form-urlencoded").formParam("csrf_token", PageRequests.CSRF)
                .formParam("reason", "Scraping is not an allowed use").post("/staff/review/requests/" + id + "/reject")
                .then().statusCode(303);
        String page = PageRequests.companyAdmin(company).get("/settings/integrations/api-access").asString();
        assertThat(page).contains("Rejected").contains("Scraping is not an allowed use").contains("Request API Access</button>");
    }

    @Test
    void theCompanyPageChangesThePlanAndShowsTheHistory() {
        String company = company();
        assertThat(PageRequests.staff().get("/staff/review/companies?company=" + company).header("Location"))
                .endsWith("/staff/review/companies/" + company);
        PageRequests.staff().contentType("application/x-www-form-urlencoded").formParam("csrf_token", PageRequests.CSRF)
                .formParam("plan", "PAID").post("/staff/review/companies/" + company + "/plan").then().statusCode(303);
        String page = PageRequests.text(PageRequests.staff().get("/staff/review/companies/" + company).asString());
        assertThat(page).contains("Paid").contains("Plan changed").contains("Plan TRIAL → PAID").contains("reviewer@truffle.dev");
        assertThat(PageRequests.staff().get("/staff/review/companies?company=bad%20id").statusCode()).isEqualTo(422);
        assertThat(PageRequests.staff().get("/staff/review/requests/not-an-id/reject").statusCode()).isEqualTo(404);
    }

    @Test
    void companyAdminsCannotOpenTheStaffConsole() {
        assertThat(PageRequests.companyAdmin(company()).get("/staff/review").statusCode()).isEqualTo(403);
    }

    private static String pendingStatus(String company) {
        return given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-access").jsonPath().getString("status");
    }
}
