package com.truffle.gateway.adapter.out;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.truffle.gateway.support.GatewayTestResource;
import com.truffle.gateway.support.KeyStateTopic;
import com.truffle.gateway.support.Replica;
import com.truffle.gateway.support.TestApiKey;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.apikeys.SecretHasher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The replica of truffle.keys.state.v1 against the real broker: records and tombstones are written with a plain
 * producer, as key-service writes them, and the gateway's answers follow.
 */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class KeyReplicaBehaviourTest {

    static Response jobs(TestApiKey key) {
        return given().header("Authorization", key.bearer()).get("/v1/jobs");
    }

    static Response jobs(String secret) {
        return given().header("Authorization", "Bearer " + secret).get("/v1/jobs");
    }

    @Test
    void aCreatedKeyIsAdmittedFromTheReplicaWithoutAskingKeyService() {
        TestApiKey key = Replica.admit(TestApiKey.live("replica-co", "READ"));
        int before = GatewayTestResource.keyService().calls(key.hashHex());
        jobs(key).then().statusCode(200);
        assertThat(GatewayTestResource.keyService().calls(key.hashHex())).isEqualTo(before).isZero();
    }

    @Test
    void regeneratingKillsTheOldSecretAndAdmitsTheNewOne() {
        TestApiKey v1 = Replica.admit(TestApiKey.live("replica-co", "WRITE"));
        jobs(v1).then().statusCode(200);
        TestApiKey v2 = Replica.admit(v1.regenerated());
        jobs(v1).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/invalid-api-key"));
        jobs(v2).then().statusCode(200);
        // even if key-service (lagging) still vouched for the old secret, its version is behind: it stays dead
        GatewayTestResource.keyService().knows(v1.hashHex(), v1.recordJson());
        jobs(v1).then().statusCode(401);
    }

    @Test
    void aTombstoneRevokesForGood() {
        TestApiKey key = Replica.admit(TestApiKey.live("replica-co", "ADMIN"));
        jobs(key).then().statusCode(200);
        Replica.revoke(key);
        jobs(key).then().statusCode(401).body("detail", equalTo("This API key is not valid: it is unknown, or it was regenerated or revoked."));
        // a stale record arriving after the tombstone (a replay) changes nothing
        KeyStateTopic.publish(key);
        TestApiKey marker = Replica.admit(TestApiKey.live("replica-co", "READ")); // written after it: read after it
        jobs(marker).then().statusCode(200);
        jobs(key).then().statusCode(401);
    }

    @Test
    void aSlowMissLookupAnsweringValidAfterTheRevocationDoesNotReadmitTheKey() throws Exception {
        // created and revoked before this gateway ever saw it: only key-service's slow answer says "valid"
        TestApiKey key = TestApiKey.live("replica-co", "READ");
        GatewayTestResource.keyService().knows(key.hashHex(), key.recordJson());
        GatewayTestResource.keyService().hold(key.hashHex());
        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(() -> jobs(key).statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayTestResource.keyService().calls(key.hashHex()) == 1);

        Replica.revoke(key); // the tombstone reaches the replica while the lookup is in flight
        GatewayTestResource.keyService().release(key.hashHex()); // ...then key-service answers "valid, version 1"

        assertThat(inFlight.get()).isEqualTo(401);
        for (int i = 0; i < 3; i++) {
            jobs(key).then().statusCode(401);
        }
        assertThat(Replica.find(key)).isNull();
    }

    @Test
    void aKeyCreatedAMomentAgoWorksBeforeItsRecordArrives() {
        // key-service has it (the 201 was just returned); the key-state record is not on the topic yet
        TestApiKey key = TestApiKey.live("replica-co", "READ");
        GatewayTestResource.keyService().knows(key.hashHex(), key.recordJson());
        jobs(key).then().statusCode(200);
        assertThat(GatewayTestResource.keyService().calls(key.hashHex())).isEqualTo(1);
        jobs(key).then().statusCode(200);
        jobs(key).then().statusCode(200);
        assertThat(GatewayTestResource.keyService().calls(key.hashHex())).as("admitted after one lookup").isEqualTo(1);
    }

    @Test
    void aSuspendedCompanysKeysStopWithAProblemSayingSo() {
        TestApiKey key = Replica.admit(TestApiKey.live("suspended-co", "ADMIN"));
        jobs(key).then().statusCode(200);
        TestApiKey suspended = Replica.admit(key.withStatus("SUSPENDED"));
        jobs(suspended).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://docs.truffle.dev/problems/api-access-suspended"))
                .body("title", equalTo("API access suspended"));
        Replica.admit(suspended.withStatus("ACTIVE"));
        jobs(key).then().statusCode(200);
    }

    @Test
    void aRecordKeyServiceDidNotSignIsNeverTakenFromTheTopicNorFromAMissLookup() {
        // someone with a producer credential writes a record for the victim's company with its own secret's hash
        TestApiKey forged = TestApiKey.live("victim-co", "ADMIN");
        KeyStateTopic.publishRaw(forged.keyId(), forged.unsignedRecord().encode());
        KeyStateTopic.publishRaw(forged.keyId(), forged.recordJson(new KeyStateSignature(new SecretHasher(new byte[32]))));
        TestApiKey marker = Replica.admit(TestApiKey.live("victim-co", "READ")); // written after them: read after them
        jobs(marker).then().statusCode(200);
        assertThat(Replica.find(forged)).isNull();
        jobs(forged).then().statusCode(401);
        // nor does an answer on the miss path that key-service did not sign (a spoofed key-service)
        GatewayTestResource.keyService().knows(forged.hashHex(), forged.unsignedRecord().encode());
        TestApiKey other = TestApiKey.live("victim-co", "ADMIN");
        GatewayTestResource.keyService().knows(other.hashHex(), other.unsignedRecord().encode());
        jobs(other).then().statusCode(401);
        assertThat(Replica.find(other)).isNull();
    }

    @Test
    void aRevokedRecordIsAsFinalAsATombstone() {
        TestApiKey key = Replica.admit(TestApiKey.live("replica-co", "WRITE"));
        jobs(key).then().statusCode(200);
        TestApiKey revoked = key.withStatus("REVOKED");
        KeyStateTopic.publish(revoked);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs(key).statusCode() == 401);
        // an older ACTIVE record replayed after it (a repartition, a restore): the key stays dead
        KeyStateTopic.publish(key);
        TestApiKey marker = Replica.admit(TestApiKey.live("replica-co", "READ"));
        jobs(marker).then().statusCode(200);
        jobs(key).then().statusCode(401);
    }
}
