package com.truffle.systemtest;

import static com.truffle.systemtest.Stack.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.platform.apikeys.KeyStateSignature;
import com.truffle.platform.apikeys.SecretHasher;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/**
 * Kafka is not a way in (issue 12): the broker of the stack enforces SCRAM logins and the ACLs of
 * {@link KafkaAccess}, so the gateway's credentials cannot write the key state; and a record written with a producer
 * credential that can (key-service's, leaked) is still ignored by every gateway replica: key-service did not sign it.
 */
class KafkaTrustIT {

    static KafkaProducer<String, String> producer(String user) {
        Map<String, Object> p = new HashMap<>(Stack.get().kafkaClientProperties(user));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @Test
    void theGatewaysCredentialsCannotWriteTheKeyState() {
        try (KafkaProducer<String, String> asGateway = producer(KafkaAccess.API_GATEWAY)) {
            assertThatThrownBy(() -> asGateway.send(new ProducerRecord<>("truffle.keys.state.v1", "k", "{}")).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> asConnector = producer(KafkaAccess.ASHBY_CONNECTOR)) {
            assertThatThrownBy(() -> asConnector.send(new ProducerRecord<>("truffle.access.v1", "k", "{}")).get(20, TimeUnit.SECONDS))
                    .as("nor may a service forge another's decisions").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aForgedKeyStateRecordReachesNoReplicaEvenFromACredentialThatMayWrite() throws Exception {
        String attacker = Platform.approvedCompany();
        String victim = Platform.approvedCompany();
        var own = Platform.createKey(attacker, "READ");
        String secret = own.getString("secret");
        String hash = SecretHasher.fromConfig(Stack.get().secrets().keyPepper()).hashHex(secret); // as read off the topic
        String other = Stack.secondGateway().url();
        for (String g : new String[] {Stack.get().gatewayUrl(), other}) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> RestAssured.given().baseUri(g).auth().oauth2(secret).get("/v1/jobs").statusCode() == 200);
        }
        // the attacker's own key, re-labelled as the victim's ADMIN key, newer than anything: unsigned, and "signed" by
        // someone without the pepper
        JsonObject forged = new JsonObject().put("key_id", own.getString("id")).put("company_id", victim).put("kind", "LIVE")
                .put("permission", "ADMIN").put("secret_hash", hash).put("status", "ACTIVE").put("version", 1_000_000)
                .put("updated_at", "2026-12-02T00:00:00Z");
        JsonObject badlySigned = forged.copy().put("version", 1_000_001);
        badlySigned.put(KeyStateSignature.FIELD, new KeyStateSignature(new SecretHasher(new byte[32])).sign(badlySigned.getMap()));
        try (KafkaProducer<String, String> leaked = producer(KafkaAccess.KEY_SERVICE)) {
            leaked.send(new ProducerRecord<>("truffle.keys.state.v1", own.getString("id"), forged.encode())).get(20, TimeUnit.SECONDS);
            leaked.send(new ProducerRecord<>("truffle.keys.state.v1", own.getString("id"), badlySigned.encode())).get(20, TimeUnit.SECONDS);
        }
        // a genuine change written after the forgeries: once it is visible, the forgeries have been read too
        var marker = Platform.createKey(attacker, "READ");
        for (String g : new String[] {Stack.get().gatewayUrl(), other}) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RestAssured.given().baseUri(g)
                    .auth().oauth2(marker.getString("secret")).get("/v1/jobs").statusCode() == 200);
            // still the attacker's READ key: no ADMIN route, and nothing of the victim's
            RestAssured.given().baseUri(g).auth().oauth2(secret).get("/v1/webhooks").then().statusCode(403);
            RestAssured.given().baseUri(g).auth().oauth2(secret).contentType(ContentType.JSON)
                    .body(Map.of("first_name", "Eve", "last_name", "X", "email", "eve@example.com")).post("/v1/candidates")
                    .then().statusCode(403);
        }
        assertThat(gateway().auth().oauth2(Stack.adminToken(victim)).get("/v1/api-keys").then().statusCode(200).extract()
                .jsonPath().getList("data.id")).doesNotContain(own.getString("id"));
    }
}
