package com.truffle.gateway.adapter.out;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.truffle.gateway.support.FakeService;
import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import com.truffle.platform.apikeys.KeyStateHeader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * "The old key stops working immediately": the gateway that forwards key-service's answer to a regenerate or revoke
 * applies the key state carried with it before the admin reads the answer. Nothing is written to the key-state
 * topic here, so only the answer can have changed the replica.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class KeyChangeAnswerTest {

    static Response jobs(TestApiKey key) {
        return given().header("Authorization", key.bearer()).get("/v1/jobs");
    }

    /** key-service's answer to a change at {@code path}: {@code status} with the key's new record in the header. */
    static void keyServiceAnswers(String path, int status, String recordJson) {
        GatewayTestResource.keyService().http().handle(path, exchange -> {
            drain(exchange);
            exchange.getResponseHeaders().add(KeyStateHeader.NAME, KeyStateHeader.encode(recordJson));
            if (status == 204) {
                noContent(exchange);
            } else {
                FakeService.respond(exchange, status, "{\"id\":\"changed\"}");
            }
            return true;
        });
    }

    /** The company admin, signed in (key changes are theirs, not an API key's). */
    static String admin() {
        return "Bearer " + GatewayTestResource.idp().companyAdmin("alice", "answer-co");
    }

    @Test
    void theOldSecretIsRefusedByTheServingGatewayAsSoonAsTheRegenerateAnswers() {
        TestApiKey v1 = Replica.admit(TestApiKey.live("answer-co", "READ"));
        jobs(v1).then().statusCode(200);
        TestApiKey v2 = v1.regenerated();
        keyServiceAnswers("/v1/api-keys/" + v1.keyId() + "/regenerate", 200, v2.recordJson());

        given().header("Authorization", admin()).post("/v1/api-keys/" + v1.keyId() + "/regenerate")
                .then().statusCode(200).header(KeyStateHeader.NAME, nullValue());

        jobs(v1).then().statusCode(401);
        jobs(v2).then().statusCode(200);
        assertThat(GatewayTestResource.keyService().calls(v2.hashHex())).as("the new secret came with the answer").isZero();
    }

    @Test
    void aRevokedKeyIsRefusedByTheServingGatewayAsSoonAsTheRevokeAnswers() {
        TestApiKey key = Replica.admit(TestApiKey.live("answer-co", "WRITE"));
        jobs(key).then().statusCode(200);
        keyServiceAnswers("/v1/api-keys/" + key.keyId(), 204, key.withStatus("REVOKED").recordJson());

        given().header("Authorization", admin()).delete("/v1/api-keys/" + key.keyId())
                .then().statusCode(204).header(KeyStateHeader.NAME, nullValue());

        jobs(key).then().statusCode(401);
        assertThat(Replica.find(key)).isNull();
        // and a later miss lookup cannot bring it back: revocation is final
        GatewayTestResource.keyService().knows(key.hashHex(), key.recordJson());
        jobs(key).then().statusCode(401);
    }

    @Test
    void onlyKeyServiceCanChangeTheReplicaAndTheHeaderNeverReachesTheCaller() {
        TestApiKey key = Replica.admit(TestApiKey.live("answer-co", "WRITE"));
        // another service answering with the header (a bug, or a compromised service) changes nothing
        GatewayTestResource.screeningService().handle("/v1/candidates", exchange -> {
            drain(exchange);
            exchange.getResponseHeaders().add(KeyStateHeader.NAME, KeyStateHeader.encode(key.withStatus("REVOKED").recordJson()));
            FakeService.respond(exchange, 200, "{\"data\":[]}");
            return true;
        });
        given().header("Authorization", key.bearer()).get("/v1/candidates")
                .then().statusCode(200).header(KeyStateHeader.NAME, nullValue());
        jobs(key).then().statusCode(200);
    }

    @Test
    void aKeyStateKeyServiceDidNotSignIsIgnoredEvenOnKeyServicesAnswer() {
        TestApiKey key = Replica.admit(TestApiKey.live("answer-co", "READ"));
        TestApiKey forged = TestApiKey.live("answer-co", "ADMIN");
        GatewayTestResource.keyService().http().handle("/v1/api-keys/" + key.keyId() + "/regenerate", exchange -> {
            drain(exchange);
            exchange.getResponseHeaders().add(KeyStateHeader.NAME, KeyStateHeader.encode(forged.unsignedRecord().encode()));
            FakeService.respond(exchange, 200, "{\"id\":\"changed\"}");
            return true;
        });
        given().header("Authorization", admin()).post("/v1/api-keys/" + key.keyId() + "/regenerate").then().statusCode(200);
        jobs(forged).then().statusCode(401);
        jobs(key).then().statusCode(200);
    }

    @Test
    void anUnreadableHeaderIsIgnoredAndTheAnswerStillGoesThrough() {
        TestApiKey key = Replica.admit(TestApiKey.live("answer-co", "READ"));
        GatewayTestResource.keyService().http().handle("/v1/api-keys/" + key.keyId() + "/regenerate", exchange -> {
            drain(exchange);
            exchange.getResponseHeaders().add(KeyStateHeader.NAME, "%%not-base64%%");
            FakeService.respond(exchange, 200, "{\"id\":\"changed\"}");
            return true;
        });
        given().header("Authorization", admin()).post("/v1/api-keys/" + key.keyId() + "/regenerate")
                .then().statusCode(200).header(KeyStateHeader.NAME, nullValue());
        jobs(key).then().statusCode(200);
    }

    static void noContent(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void drain(HttpExchange exchange) {
        try {
            exchange.getRequestBody().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
