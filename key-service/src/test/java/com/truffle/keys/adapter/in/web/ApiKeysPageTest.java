package com.truffle.keys.adapter.in.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.truffle.platform.testing.CloudEventPublisher;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.InternalTokens;
import com.truffle.platform.testing.PageRequests;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Company Settings → API &amp; Integrations → API keys, as the gateway forwards it (real PostgreSQL and Kafka). */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
class ApiKeysPageTest {

    static final EventContracts ACCESS = EventContracts.producer("access-request-service");

    static String company(String accessEvent) {
        String company = "co-" + UUID.randomUUID().toString().substring(0, 8);
        if (accessEvent != null) {
            CloudEventPublisher.publish("truffle.access.v1", company, accessEvent,
                    ACCESS.sample(accessEvent).replace("\"acme\"", "\"" + company + "\""));
        }
        return company;
    }

    static Response createInPage(String company, String name, String permission) {
        return PageRequests.companyAdmin(company).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).formParam("name", name)
                .formParam("description", "made in the page").formParam("permission", permission)
                .post("/settings/api-keys");
    }

    @Test
    void withoutApprovedAccessThePageSaysWhyAndLinksToApiAccess() {
        String company = company(null);
        String html = PageRequests.companyAdmin(company).get("/settings/api-keys").then().statusCode(200)
                .contentType("text/html").extract().asString();
        assertThat(html).contains("Your company does not have API access yet").contains("href=\"/settings/integrations/api-access\"")
                .doesNotContain("href=\"/settings/api-keys/new\"");
        assertThat(createInPage(company, "x", "READ").statusCode()).isEqualTo(403);
    }

    @Test
    void createShowsTheKeyOnceThenTheTableShowsOnlyItsLastFour() {
        String company = company("AccessApproved");
        await().atMost(Duration.ofSeconds(20)).until(() -> !PageRequests.companyAdmin(company).get("/settings/api-keys")
                .asString().contains("does not have API access"));

        String form = PageRequests.companyAdmin(company).get("/settings/api-keys/new").then().statusCode(200).extract().asString();
        assertThat(form).contains("Always use the minimum permissions needed").contains(">Read<").contains(">Write<")
                .contains(">Admin<").contains("Sync candidates, jobs and screening results.");
        assertThat(PageRequests.everyFormCarriesTheToken(form)).isTrue();

        Response created = createInPage(company, "CRM sync", "READ");
        assertThat(created.statusCode()).isEqualTo(200);
        String secret = PageRequests.inputValue(created.asString(), "secret-value");
        assertThat(secret).startsWith("trf_live_");
        assertThat(PageRequests.text(created.asString())).contains("Copy your API key immediately after creation. You won't be able to see it again.")
                .contains(">Copy<");
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");

        // the same key through the JSON API: the page made a real key
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys").then().statusCode(200)
                .body("data.name", org.hamcrest.Matchers.hasItem("CRM sync"));

        String list = PageRequests.companyAdmin(company).get("/settings/api-keys").asString();
        assertThat(list).contains("CRM sync").contains("…" + secret.substring(secret.length() - 4)).doesNotContain(secret)
                .contains("Never");
    }

    @Test
    void invalidInputRedisplaysTheFormWithTheFieldMessageAndCreatesNothing() {
        String company = company("AccessApproved");
        await().atMost(Duration.ofSeconds(20)).until(() -> !PageRequests.companyAdmin(company).get("/settings/api-keys")
                .asString().contains("does not have API access"));
        Response blank = createInPage(company, "  ", "READ");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.asString()).contains("aria-invalid=\"true\"").contains("class=\"error\"");
        Response badLevel = createInPage(company, "ok", "PARTNER_ASHBY");
        assertThat(badLevel.statusCode()).isEqualTo(422);
        assertThat(badLevel.asString()).contains("Choose Read, Write or Admin.");
        given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys").then().statusCode(200)
                .body("data", org.hamcrest.Matchers.empty());
    }

    @Test
    void regenerateAndRevokeGoThroughAConfirmationThatSaysWhatHappens() {
        String company = company("AccessApproved");
        await().atMost(Duration.ofSeconds(20)).until(() -> createInPage(company, "Zapier", "WRITE").statusCode() == 200);
        String id = given().auth().oauth2(InternalTokens.companyAdmin(company)).get("/v1/api-keys").jsonPath().getString("data[0].id");

        String confirm = PageRequests.companyAdmin(company).get("/settings/api-keys/" + id + "/regenerate").then().statusCode(200)
                .extract().asString();
        assertThat(confirm).contains("The old key will stop working immediately after regeneration.");
        Response regenerated = PageRequests.companyAdmin(company).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).post("/settings/api-keys/" + id + "/regenerate");
        assertThat(regenerated.statusCode()).isEqualTo(200);
        assertThat(PageRequests.inputValue(regenerated.asString(), "secret-value")).startsWith("trf_live_");

        assertThat(PageRequests.companyAdmin(company).get("/settings/api-keys/" + id + "/revoke").asString())
                .contains("This cannot be undone.");
        Response revoked = PageRequests.companyAdmin(company).contentType("application/x-www-form-urlencoded")
                .formParam("csrf_token", PageRequests.CSRF).post("/settings/api-keys/" + id + "/revoke");
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.header("Location")).as("relative: never the service's own address").isEqualTo("/settings/api-keys?done=revoked");
        assertThat(PageRequests.companyAdmin(company).get("/settings/api-keys?done=revoked").asString())
                .contains("API key revoked.").doesNotContain("Zapier");
    }

    @Test
    void anotherCompanysKeyIsAFriendlyNotFoundPage() {
        String owner = company("AccessApproved");
        await().atMost(Duration.ofSeconds(20)).until(() -> createInPage(owner, "Mine", "READ").statusCode() == 200);
        String id = given().auth().oauth2(InternalTokens.companyAdmin(owner)).get("/v1/api-keys").jsonPath().getString("data[0].id");
        Response other = PageRequests.companyAdmin(company("AccessApproved")).get("/settings/api-keys/" + id + "/revoke");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("text/html");
        assertThat(other.asString()).contains("API key not found");
        assertThat(PageRequests.companyAdmin(company(null)).get("/settings/api-keys/not-a-key/regenerate").statusCode()).isEqualTo(404);
    }
}
