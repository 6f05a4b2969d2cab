package com.truffle.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.deploy.stack.LocalStack;

/**
 * Scenario 1: the Kafka broker goes down under load and comes back on the same ports and data directory. The driver
 * keeps creating and regenerating keys (key-service), starting Ashby assessments (connector → screening-service →
 * mail) and using a key (the gateway's usage), before, during and after the outage. Afterwards: every outbox is
 * drained; each key change the driver was told about is on truffle.keys.v1 exactly once, in order per key; each
 * started assessment is on truffle.ashby.v1 exactly once, became exactly one screening and one mail (applied once);
 * the gateway's replica caught up (new secrets admitted, regenerated-away ones refused) and its readiness is UP; no
 * service was restarted.
 *
 * <p>Scenario 9 is the same test against three Kafka brokers in containers ({@link KafkaCluster}: KRaft, replication
 * factor 3, {@code min.insync.replicas} 2; the services' producers {@code acks=all}, idempotent), run by failsafe's
 * {@code kafka-cluster} execution ({@code -Dreliability.kafka=cluster}): the broker leading {@code truffle.keys.v1}-0
 * is SIGKILLed under the same load, started again after the outage, and then the leader of every partition of the
 * two counted topics is moved to another replica while the load goes on. The same counts must hold, and every
 * partition must be fully replicated again.
 */
@Order(40)
class BrokerDownIT {

    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("reliability.broker.outage-seconds", 30));
    static final ObjectMapper JSON = new ObjectMapper();

    record Key(String id, String secret) {
    }

    @Test
    void nothingLostNothingTwiceWhenTheBrokerIsDown() throws Exception {
        LocalStack stack = Faults.stack();
        String company = Faults.approvedCompany();
        String admin = Faults.adminToken(company);
        String write = Faults.createKey(company, "WRITE").getString("secret");
        String jobId = Faults.job(write, "Broker down");
        String partnerKey = Faults.connect(company, Faults.ashbyKey());
        Faults.awaitListed(partnerKey, jobId);
        Faults.awaitAdmitted(write);
        Map<String, Long> pids = new LinkedHashMap<>();
        LocalStack.MODULES.forEach(m -> pids.put(m, stack.pid(m)));

        AtomicReference<String> phase = new AtomicReference<>("before");
        Load.Tally tally = new Load.Tally();
        List<Key> created = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> regeneratedOld = new ConcurrentHashMap<>();
        Map<String, String> current = new ConcurrentHashMap<>();
        Set<String> revoked = ConcurrentHashMap.newKeySet();
        Map<String, String> started = new ConcurrentHashMap<>(); // assessment id -> candidate email
        Set<String> readiness = ConcurrentHashMap.newKeySet();
        String basic = java.util.Base64.getEncoder().encodeToString((partnerKey + ":").getBytes());

        Load load = Load.start("broker-load", 4, (thread, i) -> {
            switch (thread) {
                case 0 -> { // key-service: create, regenerate one in three, revoke the oldest beyond 12 active keys
                    List<Key> active = created.stream().filter(k -> !revoked.contains(k.id())).collect(Collectors.toList());
                    List<Key> fresh = active.stream().filter(k -> !regeneratedOld.containsKey(k.id())).collect(Collectors.toList());
                    if (active.size() >= 12) {
                        Key k = active.get(0);
                        Load.Answer a = Load.send(Load.request("/v1/api-keys/" + k.id()).header("Authorization", "Bearer " + admin)
                                .DELETE().build());
                        tally.add(phase.get() + ":revoke", a.status());
                        if (a.status() == 204) {
                            revoked.add(k.id());
                        }
                    } else if (i % 3 == 2 && !fresh.isEmpty()) {
                        Key k = fresh.get(ThreadLocalRandom.current().nextInt(fresh.size()));
                        Load.Answer a = Load.send(Load.request("/v1/api-keys/" + k.id() + "/regenerate")
                                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build());
                        tally.add(phase.get() + ":regenerate", a.status());
                        if (a.status() == 200) {
                            regeneratedOld.put(k.id(), k.secret());
                            current.put(k.id(), Faults.secret(JSON.readTree(a.body()).path("secret").asText()));
                        }
                    } else {
                        Load.Answer a = Load.send(Load.request("/v1/api-keys").header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"load " + i + "\",\"permission\":\"READ\"}")).build());
                        tally.add(phase.get() + ":create", a.status());
                        if (a.status() == 201) {
                            var json = JSON.readTree(a.body());
                            Key k = new Key(json.path("id").asText(), Faults.secret(json.path("secret").asText()));
                            created.add(k);
                            current.put(k.id(), k.secret());
                        }
                    }
                    Load.sleep(Duration.ofMillis(100));
                }
                case 1 -> { // the connector: Ashby starts assessments
                    String email = Faults.email();
                    String body = JSON.writeValueAsString(Faults.startBody(jobId, email, java.util.UUID.randomUUID().toString()));
                    Load.Answer a = Load.send(Load.request("/partners/ashby/assessment.start").header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
                    tally.add(phase.get() + ":assessment.start", a.status());
                    if (a.status() == 200) {
                        started.put(JSON.readTree(a.body()).path("results").path("assessment_id").asText(), email);
                    }
                    Load.sleep(Duration.ofMillis(150));
                }
                case 2 -> { // the gateway: a key in use
                    Load.Answer a = Load.send(Load.request("/v1/jobs").header("Authorization", "Bearer " + write).GET().build());
                    tally.add(phase.get() + ":use", a.status());
                    if (a.status() == 401) {
                        tally.add(phase.get() + ":use 401 " + (a.body().contains("could not be confirmed") ? "unverifiable" : "unknown"), 401);
                    }
                    Load.sleep(Duration.ofMillis(20));
                }
                default -> { // the gateway's readiness, as a load balancer polls it
                    Load.Answer a = Load.send(HttpRequest.newBuilder(java.net.URI.create(
                            stack.managementUrl(LocalStack.API_GATEWAY) + "/q/health/ready")).timeout(Duration.ofSeconds(5)).GET().build());
                    readiness.add(phase.get() + ":" + a.status());
                    Load.sleep(Duration.ofMillis(250));
                }
            }
        });
        // scenario 1: the one in-process broker stops; scenario 9 (three brokers in containers): the leader of a
        // partition the counts read is SIGKILLed, started again, then every leader of those topics is moved
        Optional<KafkaCluster> cluster = Faults.cluster();
        List<String> counted = List.of("truffle.keys.v1", "truffle.ashby.v1");
        int killed = -1;
        int leadersMoved = 0;
        Duration brokerStart;
        long restartedAt;
        try {
            Load.sleep(Duration.ofSeconds(5));
            phase.set("outage");
            if (cluster.isPresent()) {
                killed = cluster.get().leaderOf(counted.get(0), 0);
                cluster.get().kill(killed);
            } else {
                stack.stopBroker();
            }
            Load.sleep(OUTAGE);
            phase.set("restart");
            long t0 = System.nanoTime();
            if (cluster.isPresent()) {
                cluster.get().restart(killed);
            } else {
                stack.startBroker();
            }
            restartedAt = System.nanoTime();
            brokerStart = Duration.ofNanos(restartedAt - t0);
            if (cluster.isPresent()) {
                phase.set("leaders-moved");
                leadersMoved = cluster.get().moveLeaders(counted);
                Load.sleep(Duration.ofSeconds(5));
            }
            phase.set("after");
            Load.sleep(Duration.ofSeconds(5));
        } finally {
            load.stop();
            if (cluster.isPresent()) {
                cluster.get().ensureRunning();
            } else {
                stack.startBroker();
            }
        }
        System.out.println("scenario 1 answers by phase:action -> status: " + tally + "; gateway readiness seen " + readiness);

        // every outbox drains
        List<String> withOutbox = List.of(LocalStack.KEY_SERVICE, LocalStack.ACCESS_REQUEST_SERVICE, LocalStack.SCREENING_SERVICE,
                LocalStack.ASHBY_CONNECTOR_SERVICE);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> withOutbox.stream()
                .mapToLong(m -> DatabaseSnapshot.count(m, "select count(*) from outbox_event")).sum() == 0);
        Duration drained = Duration.ofNanos(System.nanoTime() - restartedAt);
        // every assessment became one screening and one mail, and the connector saw it invited
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                DatabaseSnapshot.count(LocalStack.SCREENING_SERVICE, "select count(*) from screening where company_id = ?", company)
                        >= started.size()
                        && DatabaseSnapshot.count(LocalStack.ASHBY_CONNECTOR_SERVICE,
                        "select count(*) from assessment where company_id = ? and status = 'INVITED'", company) >= started.size());
        // INVITED follows the screening's creation; its mail goes out from a queue of its own, a moment later
        var mailbox = stack.smtpCatcher();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                started.values().stream().allMatch(e -> !mailbox.messagesTo(e).isEmpty()));
        Duration applied = Duration.ofNanos(System.nanoTime() - restartedAt);
        // the gateway's replica caught up: every current secret admitted, every regenerated-away one refused
        Map<String, Integer> lastSeen = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            boolean ok = true;
            for (var e : current.entrySet()) {
                int st = jobs(e.getValue());
                lastSeen.put(e.getValue(), st);
                ok &= st == (revoked.contains(e.getKey()) ? 401 : 200);
            }
            for (String s : regeneratedOld.values()) {
                int st = jobs(s);
                lastSeen.put(s, st);
                ok &= st == 401;
            }
            return ok;
        });
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - restartedAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> Load.send(HttpRequest.newBuilder(java.net.URI.create(
                stack.managementUrl(LocalStack.API_GATEWAY) + "/q/health/ready")).GET().build()).status() == 200);

        // what reached Kafka
        Set<String> keyIds = created.stream().map(Key::id).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> keyEvents = Topics.readAll(KafkaAccess.ASHBY_CONNECTOR, "truffle.keys.v1").stream()
                .filter(r -> keyIds.contains(r.key())).collect(Collectors.toList());
        Map<String, List<String>> typesByKey = new HashMap<>();
        Map<String, Instant> lastTime = new HashMap<>();
        int keyOutOfOrder = 0;
        for (ConsumerRecord<String, String> r : keyEvents) {
            typesByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Topics.header(r, "ce_type"));
            Instant t = Instant.parse(Topics.header(r, "ce_time"));
            Instant before = lastTime.put(r.key(), t);
            if (before != null && t.isBefore(before)) {
                keyOutOfOrder++;
            }
        }
        int keyLost = 0;
        int keyExtra = 0;
        for (String id : keyIds) {
            List<String> expected = new ArrayList<>(List.of("KeyCreated"));
            if (regeneratedOld.containsKey(id)) {
                expected.add("KeyRegenerated");
            }
            if (revoked.contains(id)) {
                expected.add("KeyRevoked");
            }
            List<String> got = typesByKey.getOrDefault(id, List.of());
            keyLost += (int) expected.stream().filter(e -> !got.contains(e)).count();
            keyExtra += Math.max(0, got.size() - expected.size());
            if (got.size() == expected.size() && !got.equals(expected)) {
                keyOutOfOrder++;
            }
        }
        long keyDupIds = duplicates(keyEvents);

        List<ConsumerRecord<String, String>> commands = Topics.readAll(KafkaAccess.SCREENING_SERVICE, "truffle.ashby.v1").stream()
                .filter(r -> "AssessmentRequested".equals(Topics.header(r, "ce_type")))
                .filter(r -> r.value() != null && started.keySet().stream().anyMatch(a -> r.value().contains(a)))
                .collect(Collectors.toList());
        long commandDupIds = duplicates(commands);
        Set<String> commanded = new HashSet<>();
        for (ConsumerRecord<String, String> r : commands) {
            started.keySet().stream().filter(a -> r.value().contains(a)).forEach(commanded::add);
        }
        long screenings = DatabaseSnapshot.count(LocalStack.SCREENING_SERVICE, "select count(*) from screening where company_id = ?", company);
        long invited = DatabaseSnapshot.count(LocalStack.ASHBY_CONNECTOR_SERVICE,
                "select count(*) from assessment where company_id = ? and status = 'INVITED'", company);
        var smtp = stack.smtpCatcher();
        long mailsWrong = started.values().stream().filter(e -> smtp.messagesTo(e).size() != 1).count();
        Map<String, Long> restarted = new LinkedHashMap<>();
        LocalStack.MODULES.forEach(m -> {
            if (stack.pid(m) != pids.get(m)) {
                restarted.put(m, stack.pid(m));
            }
        });

        long sent = tally.all(s -> true);
        long committed = created.size() + regeneratedOld.size() + revoked.size() + started.size();
        long published = keyEvents.size() + commands.size();
        long lost = keyLost + (started.size() - commanded.size());
        long duplicated = keyExtra + keyDupIds + commandDupIds + Math.max(0, screenings - started.size());
        long duringOutage = tally.count("outage:create", s -> s == 201) + tally.count("outage:regenerate", s -> s == 200)
                + tally.count("outage:revoke", s -> s == 204)
                + tally.count("outage:assessment.start", s -> s == 200);
        String scenario = cluster.isPresent()
                ? "9 three-broker cluster: broker " + killed + " killed " + OUTAGE.toSeconds() + " s, " + leadersMoved + " leaders moved"
                : "1 broker down " + OUTAGE.toSeconds() + " s";
        long underReplicated = cluster.map(KafkaCluster::underReplicatedPartitions).orElse(0L);
        Faults.figures(scenario, sent, committed, published, screenings + invited,
                started.size() - mailsWrong, lost, duplicated, caughtUp, String.format(Locale.ROOT,
                        "keys created %d, regenerated %d, revoked %d, assessments started %d (%d of these writes during the outage);"
                                + " keys.v1 events %d, ashby.v1 commands %d; screenings %d, connector INVITED %d, mails != 1: %d;"
                                + " broker start %.1f s, outboxes drained %.1f s, applied %.1f s, gateway caught up %.1f s"
                                + " after it; out of order %d; restarted %s; readiness %s; 5xx/none %d; under-replicated after %d",
                        created.size(), regeneratedOld.size(), revoked.size(), started.size(), duringOutage, keyEvents.size(), commands.size(),
                        screenings, invited, mailsWrong, brokerStart.toMillis() / 1e3, drained.toMillis() / 1e3,
                        applied.toMillis() / 1e3, caughtUp.toMillis() / 1e3, keyOutOfOrder, restarted, new java.util.TreeSet<>(readiness),
                        tally.all(s -> s >= 500 || s < 0), underReplicated));

        assertThat(duringOutage).as("writes committed while the broker was down").isGreaterThan(0);
        assertThat(tally.all(s -> s < 0)).as("requests that hung or got no answer").isZero();
        assertThat(tally.all(s -> s >= 500)).as("answers >= 500 to the driver").isZero();
        assertThat(keyLost).as("key changes missing from truffle.keys.v1").isZero();
        assertThat(keyExtra + keyDupIds).as("key changes on truffle.keys.v1 more than once").isZero();
        assertThat(keyOutOfOrder).as("keys whose events are out of order").isZero();
        assertThat(commanded).as("assessments on truffle.ashby.v1").hasSize(started.size());
        assertThat(commandDupIds).as("AssessmentRequested published more than once").isZero();
        assertThat(commands).as("AssessmentRequested records").hasSize(started.size());
        assertThat(screenings).as("screenings made from the commands").isEqualTo(started.size());
        assertThat(invited).as("assessments the connector saw invited").isEqualTo(started.size());
        assertThat(mailsWrong).as("candidates without exactly one mail").isZero();
        assertThat(restarted).as("services restarted").isEmpty();
        if (cluster.isPresent()) {
            int partitions = com.truffle.deploy.kafka.PlatformTopics.ALL.stream().filter(t -> counted.contains(t.name()))
                    .mapToInt(com.truffle.deploy.kafka.PlatformTopics.Topic::partitions).sum();
            assertThat(leadersMoved).as("partition leaders moved").isEqualTo(partitions);
            assertThat(underReplicated).as("partitions not fully replicated after the broker came back").isZero();
        }
    }

    static int jobs(String secret) {
        return Load.send(Load.request("/v1/jobs").header("Authorization", "Bearer " + secret).GET().build()).status();
    }

    /** Records whose ce_id was seen before. */
    static long duplicates(List<ConsumerRecord<String, String>> records) {
        Set<String> seen = new HashSet<>();
        return records.stream().filter(r -> !seen.add(Topics.header(r, "ce_id"))).count();
    }
}
