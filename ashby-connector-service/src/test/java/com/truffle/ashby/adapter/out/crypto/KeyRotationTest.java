package com.truffle.ashby.adapter.out.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.truffle.ashby.application.port.in.ResealAshbyKeysUseCase;
import com.truffle.ashby.support.AshbyWireMock;
import com.truffle.ashby.support.Fixtures;
import com.truffle.ashby.support.Fixtures.Admin;
import com.truffle.platform.crypto.SecretBox;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rotating the key that seals customers' Ashby keys: the tests run with key 2 current and key 1 rotated out but still
 * configured; a key sealed under key 1 still works, and the re-seal job moves it to key 2 so key 1 can be retired.
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(AshbyWireMock.class)
class KeyRotationTest {

    /** Key 1 of the test configuration (truffle.ashby.previous-encryption-keys). */
    static final SecretBox KEY_ONE = new SecretBox("b2xkLXRlc3Qta2V5LXJvdGF0ZWQtb3V0LWFzaGJ5LSE=", "test");

    @Inject
    ResealAshbyKeysUseCase reseal;

    /** The use case as the scheduled job runs it: on a Vert.x context (Hibernate Reactive needs one). */
    int resealAll() throws Throwable {
        return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> reseal.resealAll());
    }

    static byte[] stored(String company) {
        return (byte[]) TestDatabase.query("select ashby_key_sealed from ashby_connection where company_id = ?", company)
                .get(0).get("ashby_key_sealed");
    }

    @Test
    void aKeySealedBeforeTheRotationStillWorksAndIsResealedUnderTheCurrentKey() throws Throwable {
        Admin admin = new Admin(Fixtures.company());
        String ashbyKey = Fixtures.ashbyKey();
        Fixtures.connected(admin, ashbyKey);
        assertThat(stored(admin.company())[1]).as("new seals name key 2").isEqualTo((byte) 2);
        // as it was stored before the rotation: sealed under key 1
        byte[] underKeyOne = KEY_ONE.seal(ashbyKey.getBytes(StandardCharsets.UTF_8), "truffle-ashby-key:v1:" + admin.company());
        TestDatabase.query("update ashby_connection set ashby_key_sealed = ? where company_id = ? returning company_id",
                underKeyOne, admin.company());

        // it opens: reconnecting checks the stored key with Ashby again
        Fixtures.Issued again = Fixtures.keyServiceIssues(admin);
        AshbyWireMock.keyService().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/internal/partner-keys/ashby/regenerate"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + admin.token()))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(Fixtures.partnerKeyJson(again))));
        given().auth().oauth2(admin.token()).post("/v1/integrations/ashby/reconnect").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
        TestDatabase.query("update ashby_connection set ashby_key_sealed = ? where company_id = ? returning company_id",
                underKeyOne, admin.company());

        assertThat(resealAll()).isGreaterThanOrEqualTo(1);
        byte[] after = stored(admin.company());
        assertThat(after[0]).isEqualTo((byte) 2);
        assertThat(after[1]).as("now under key 2").isEqualTo((byte) 2);
        assertThat(resealAll()).as("nothing left to move").isZero();
        given().auth().oauth2(admin.token()).post("/v1/integrations/ashby/reconnect").then().statusCode(200);
        assertThat(AshbyWireMock.ashby().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/apiKey.info"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(AshbyWireMock.basic(ashbyKey)))))
                .as("the same Ashby key, opened after the re-seal").hasSizeGreaterThanOrEqualTo(3);
    }
}
