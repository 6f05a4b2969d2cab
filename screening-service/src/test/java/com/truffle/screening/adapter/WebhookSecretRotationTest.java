package com.truffle.screening.adapter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.truffle.platform.crypto.SecretBox;
import com.truffle.platform.testing.TestDatabase;
import com.truffle.platform.testing.TruffleServiceTestResource;
import com.truffle.screening.application.port.in.ResealWebhookSecretsUseCase;
import com.truffle.screening.support.Api;
import com.truffle.screening.support.GreenMailResource;
import com.truffle.screening.support.RawReceiver;
import com.truffle.screening.support.RawReceiver.Behaviour;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;

/**
 * Rotating the key that seals webhook signing secrets (issue 12): the tests run with key 2 current and key 1 rotated
 * out but still configured. A secret sealed under key 1 still signs deliveries; the re-seal job moves it to key 2, after
 * which key 2 alone opens it (key 1 can be retired).
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(GreenMailResource.class)
class WebhookSecretRotationTest {

    /** %test truffle.screening.previous-encryption-keys (key 1) and truffle.screening.encryption-key (key 2). */
    static final SecretBox KEY_ONE = new SecretBox("b2xkLXNjcmVlbmluZy1rZXktcm90YXRlZC1vdXQtISE=", "test");
    static final SecretBox KEY_TWO_ONLY = new SecretBox(2, Map.of(2, "dGVzdC1vbmx5LWtleS0zMi1ieXRlcy1sb25nLi4uLi4="), "test");

    @Inject
    ResealWebhookSecretsUseCase reseal;

    @Test
    void aSecretSealedBeforeTheRotationStillSignsAndIsResealedUnderTheCurrentKey() throws Throwable {
        try (RawReceiver receiver = RawReceiver.start(Behaviour.NO_CONTENT)) {
            Api company = new Api();
            Response registered = company.as(company.admin)
                    .body(Map.of("url", receiver.url("/hook"), "event_types", List.of("CandidateAdded")))
                    .post("/v1/webhooks");
            registered.then().statusCode(201);
            String id = registered.jsonPath().getString("id");
            String secret = registered.jsonPath().getString("secret");
            String context = "truffle-webhook-secret:v1:" + company.company + ":" + id;
            assertThat(keyId(stored(id))).as("new seals name key 2").isEqualTo(2);

            // as it was stored before the rotation: sealed under key 1
            TestDatabase.query("update webhook set secret = ? where id = cast(? as uuid) returning id",
                    KEY_ONE.sealText(secret, context), id);
            assertThat(keyId(stored(id))).isEqualTo(1);
            given().auth().oauth2(company.admin).post("/v1/webhooks/{id}/test", id).then().statusCode(200)
                    .body("success", equalTo(true));
            // recording the attempt saved the endpoint, sealing it under key 2 again: back to key 1 for the job
            TestDatabase.query("update webhook set secret = ? where id = cast(? as uuid) returning id",
                    KEY_ONE.sealText(secret, context), id);

            // the schedule's pass at start-up may be walking the table too and move it first: either way the job did
            VertxContextSupport.subscribeAndAwait(() -> reseal.resealAll());
            assertThat(keyId(stored(id))).as("now under key 2").isEqualTo(2);
            assertThat(KEY_TWO_ONLY.openText(stored(id), context)).as("key 2 alone opens it").isEqualTo(secret);
            assertThat(VertxContextSupport.subscribeAndAwait(() -> reseal.resealAll())).as("nothing left to move").isZero();
        }
    }

    static String stored(String webhookId) {
        return (String) TestDatabase.query("select secret from webhook where id = cast(? as uuid)", webhookId).get(0).get("secret");
    }

    static int keyId(String sealedText) {
        byte[] sealed = Base64.getDecoder().decode(sealedText.substring("sealed:v1:".length()));
        return sealed[0] == 1 ? 1 : sealed[1] & 0xff;
    }
}
