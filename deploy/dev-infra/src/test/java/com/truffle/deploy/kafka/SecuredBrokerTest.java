package com.truffle.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker of the local stack, as production runs one: SCRAM logins, one per service, least-privilege ACLs. */
class SecuredBrokerTest {

    static EmbeddedKafkaBroker broker;
    static final Map<String, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.onFreePorts().secured("admin-secret-for-this-test").start();
        for (String user : KafkaAccess.USERS) {
            PASSWORDS.put(user, user + "-password");
            broker.addUser(user, PASSWORDS.get(user));
        }
        broker.grant(KafkaAccess.aclBindings());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Map<String, Object> login(String user, String password) {
        Map<String, Object> p = new HashMap<>(EmbeddedKafkaBroker.saslClientProperties(user, password));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return p;
    }

    static void produce(String user, String password, String topic) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(login(user, password), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, "k", "{}")).get(15, TimeUnit.SECONDS);
        }
    }

    static Throwable cause(Throwable e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }

    @Test
    void onlyKeyServiceWritesTheKeyStateAndTheGatewayOnlyReadsIt() throws Exception {
        produce(KafkaAccess.KEY_SERVICE, PASSWORDS.get(KafkaAccess.KEY_SERVICE), "truffle.keys.state.v1");
        for (String other : List.of(KafkaAccess.API_GATEWAY, KafkaAccess.ASHBY_CONNECTOR, KafkaAccess.SCREENING_SERVICE,
                KafkaAccess.ACCESS_REQUEST_SERVICE)) {
            assertThatThrownBy(() -> produce(other, PASSWORDS.get(other), "truffle.keys.state.v1")).as(other)
                    .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
        }
        Map<String, Object> consumer = login(KafkaAccess.API_GATEWAY, PASSWORDS.get(KafkaAccess.API_GATEWAY));
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor("truffle.keys.state.v1", Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (seen == 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    seen++;
                }
            }
            assertThat(seen).as("the gateway reads the key state").isEqualTo(1);
        }
    }

    @Test
    void eachServiceWritesOnlyItsOwnEvents() throws Exception {
        produce(KafkaAccess.ACCESS_REQUEST_SERVICE, PASSWORDS.get(KafkaAccess.ACCESS_REQUEST_SERVICE), "truffle.access.v1");
        produce(KafkaAccess.API_GATEWAY, PASSWORDS.get(KafkaAccess.API_GATEWAY), "truffle.gateway.usage.v1");
        assertThatThrownBy(() -> produce(KafkaAccess.KEY_SERVICE, PASSWORDS.get(KafkaAccess.KEY_SERVICE), "truffle.access.v1"))
                .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
        assertThatThrownBy(() -> produce(KafkaAccess.SCREENING_SERVICE, PASSWORDS.get(KafkaAccess.SCREENING_SERVICE), "truffle.ashby.v1"))
                .satisfies(e -> assertThat(cause(e)).isInstanceOf(TopicAuthorizationException.class));
    }

    @Test
    void aWrongPasswordOrNoLoginGetsNowhere() {
        assertThatThrownBy(() -> produce(KafkaAccess.KEY_SERVICE, "not-the-password", "truffle.keys.state.v1"))
                .satisfies(e -> assertThat(cause(e)).isInstanceOf(SaslAuthenticationException.class));
        Map<String, Object> anonymous = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        assertThatThrownBy(() -> {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("truffle.keys.state.v1", "k", "{}")).get(10, TimeUnit.SECONDS);
            }
        }).as("a plaintext client cannot even fetch metadata").isNotNull();
    }
}
