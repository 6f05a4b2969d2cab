package com.truffle.ashby.adapter.in.web;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.truffle.ashby.support.AshbyWireMock;
import com.truffle.ashby.support.Fixtures;
import com.truffle.ashby.support.Fixtures.Admin;
import com.truffle.ashby.support.Fixtures.Issued;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.PageRequests;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Company Settings → Integrations: the Ashby card, as the gateway forwards it (WireMock as Ashby and key-service). */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(AshbyWireMock.class)
class IntegrationsPageTest {

    static Admin inBrowser(String company) {
        return new Admin(company, InternalTokens.companyAdminInBrowser(company, "Alice Admin"));
    }

    static Response post(Admin admin, String path, String... form) {
        var request = PageRequests.page(admin.token()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF);
        for (int i = 0; i < form.length; i += 2) {
            request.formParam(form[i], form[i + 1]);
        }
        return request.post(path);
    }

    @Test
    void onATrialPlanTheCardIsLocked() {
        Admin admin = inBrowser(Fixtures.company());
        String html = PageRequests.page(admin.token()).get("/settings/integrations").then().statusCode(200)
                .contentType("text/html").extract().asString();
        assertThat(html).contains("Available on paid plans").contains("Upgrade your plan")
                .doesNotContain("href=\"/settings/integrations/ashby/connect\"");
        assertThat(post(admin, "/settings/integrations/ashby/connect", "ashby_api_key", Fixtures.ashbyKey()).statusCode()).isEqualTo(403);
    }

    @Test
    void connectShowsTheTruffleKeyOnceThenTheCardIsConnected() {
        Admin admin = inBrowser(Fixtures.company());
        Fixtures.paid(admin.company());
        String before = PageRequests.page(admin.token()).get("/settings/integrations").asString();
        assertThat(before).contains("Not connected").contains("No activity yet").contains("href=\"/settings/integrations/ashby/connect\"");
        assertThat(PageRequests.page(admin.token()).get("/settings/integrations/ashby/connect").asString())
                .contains("<label for=\"ashby_api_key\">Ashby API key</label>");

        Issued issued = Fixtures.keyServiceIssues(admin);
        Response connected = post(admin, "/settings/integrations/ashby/connect", "ashby_api_key", Fixtures.ashbyKey());
        assertThat(connected.statusCode()).isEqualTo(200);
        assertThat(connected.asString()).contains("Ashby connected").contains("Your Truffle key").contains(">Copy<");
        assertThat(PageRequests.inputValue(connected.asString(), "secret-value")).isEqualTo(issued.secret());
        assertThat(connected.header("Cache-Control")).isEqualTo("no-store");
        AshbyWireMock.keyService().verify(1, postRequestedFor(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + admin.token())));

        String after = PageRequests.page(admin.token()).get("/settings/integrations").asString();
        assertThat(after).contains("pill-green").contains("Connected").contains("Reconnect").contains("Disconnect")
                .doesNotContain(issued.secret());
    }

    @Test
    void aKeyAshbyRejectsIsSaidOnTheFormAndNothingIsConnected() {
        Admin admin = inBrowser(Fixtures.company());
        Fixtures.paid(admin.company());
        String rejected = Fixtures.ashbyKey();
        AshbyWireMock.keyInfoAnswers(rejected, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"errorInfo\":{\"code\":\"unauthenticated\",\"message\":\"Missing API key\"}}"));
        Response refused = post(admin, "/settings/integrations/ashby/connect", "ashby_api_key", rejected);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("aria-invalid=\"true\"").contains("class=\"error\"");
        assertThat(PageRequests.page(admin.token()).get("/settings/integrations").asString()).contains("Not connected");
        assertThat(post(admin, "/settings/integrations/ashby/connect", "ashby_api_key", " ").statusCode()).isEqualTo(422);
    }

    @Test
    void aKeyThatCannotWriteCandidatesIsRefusedOnTheFormNamingThePermission() {
        Admin admin = inBrowser(Fixtures.company());
        Fixtures.paid(admin.company());
        String readOnly = Fixtures.ashbyKey();
        AshbyWireMock.keyInfoAnswers(readOnly, okJson("{\"success\":true,\"results\":{\"scopes\":[\"candidates:read\"]}}"));
        Response refused = post(admin, "/settings/integrations/ashby/connect", "ashby_api_key", readOnly);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("aria-invalid=\"true\"").contains("candidatesWrite").doesNotContain(readOnly);
        assertThat(PageRequests.page(admin.token()).get("/settings/integrations").asString()).contains("Not connected");
    }

    @Test
    void reconnectAndDisconnectWarnFirst() {
        Admin admin = inBrowser(Fixtures.company());
        Fixtures.connected(admin, Fixtures.ashbyKey());
        assertThat(PageRequests.text(PageRequests.page(admin.token()).get("/settings/integrations/ashby/reconnect").asString()))
                .contains("stops working the moment you reconnect");
        assertThat(PageRequests.page(admin.token()).get("/settings/integrations/ashby/disconnect").asString())
                .contains("This cannot be undone");

        AshbyWireMock.keyService().stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlEqualTo("/internal/partner-keys/ashby"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
        Response gone = post(admin, "/settings/integrations/ashby/disconnect");
        assertThat(gone.statusCode()).isEqualTo(303);
        assertThat(gone.header("Location")).endsWith("/settings/integrations?done=disconnected");
        AshbyWireMock.keyService().verify(deleteRequestedFor(urlEqualTo("/internal/partner-keys/ashby"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + admin.token())));
        assertThat(PageRequests.page(admin.token()).get("/settings/integrations?done=disconnected").asString())
                .contains("Ashby disconnected.").contains("Disconnected").contains("href=\"/settings/integrations/ashby/connect\"");
    }

    @Test
    void whenRetriesRanOutTheCardOffersRetryNowAndItResumes() {
        Admin admin = inBrowser(Fixtures.company());
        Fixtures.connected(admin, Fixtures.ashbyKey());
        assertThat(PageRequests.page(admin.token()).get("/settings/integrations").asString()).doesNotContain("Retry now");
        // as the delivery worker leaves it when a result has failed for the give-up age (AshbyDeliveryTest drives that)
        TestDatabase.query("update ashby_connection set status = 'ACTION_NEEDED', deliveries_held = true, deliveries_gave_up = true, "
                + "message = 'Ashby has not accepted results for 72 hours' where company_id = ? returning company_id", admin.company());
        String card = PageRequests.page(admin.token()).get("/settings/integrations").asString();
        assertThat(card).contains("Action needed").contains("72 hours").contains("action=\"/settings/integrations/ashby/retry\"")
                .contains("Retry now");

        Response retried = post(admin, "/settings/integrations/ashby/retry");
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(retried.header("Location")).endsWith("/settings/integrations?done=retrying");
        assertThat(PageRequests.page(admin.token()).get("/settings/integrations?done=retrying").asString())
                .contains("Sending the waiting results to Ashby now.").contains("Degraded");
        assertThat(TestDatabase.query("select deliveries_held from ashby_connection where company_id = ?", admin.company()).get(0))
                .containsEntry("deliveries_held", false);
    }
}
