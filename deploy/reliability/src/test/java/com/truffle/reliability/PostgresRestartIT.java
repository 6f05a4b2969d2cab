package com.truffle.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.deploy.stack.LocalStack;

/**
 * Scenario 2: the stack's PostgreSQL server crashes ({@code pg_ctl stop -m immediate}: every backend killed, no
 * checkpoint) under a load that writes through all four databases, stays down, and starts again (crash recovery).
 * During the outage every request is answered quickly, and what cannot be served is a 503 problem (never a 500,
 * never a hang). After it every service serves again within seconds without a restart, and nothing is half-written:
 * every write the driver was told succeeded is there exactly once with its events published and applied once; every
 * write that was refused left nothing behind (no row, no event, no mail).
 */
@Order(45)
class PostgresRestartIT {

    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("reliability.postgres.outage-seconds", 10));
    /** "Fail fast": the slowest answer the driver accepts while the database is down. */
    static final Duration FAIL_FAST = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();

    /** One write the driver made: what it was, the marker that finds it in a database, and what it was answered. */
    record Write(String action, String marker, int status) {
        boolean committed() {
            return status >= 200 && status < 300;
        }
    }

    @Test
    void everyServiceServesAgainAndNothingIsHalfWritten() throws Exception {
        LocalStack stack = Faults.stack();
        DedicatedPostgres postgres = Faults.postgres().orElse(null);
        Assumptions.assumeTrue(postgres != null, "the machine has no PostgreSQL binaries for a dedicated server");
        String company = Faults.approvedCompany();
        String admin = Faults.adminToken(company);
        String staff = Faults.staffToken();
        String write = Faults.createKey(company, "WRITE").getString("secret");
        String jobId = Faults.job(write, "Postgres restart");
        String partnerKey = Faults.connect(company, Faults.ashbyKey());
        Faults.awaitListed(partnerKey, jobId);
        Faults.awaitAdmitted(write);
        Map<String, Long> pids = new LinkedHashMap<>();
        LocalStack.MODULES.forEach(m -> pids.put(m, stack.pid(m)));
        String basic = java.util.Base64.getEncoder().encodeToString((partnerKey + ":").getBytes());

        AtomicReference<String> phase = new AtomicReference<>("before");
        Load.Tally tally = new Load.Tally();
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        Set<String> badAnswers = ConcurrentHashMap.newKeySet();
        Map<String, AtomicLong> slowest = new ConcurrentHashMap<>();
        Map<String, Long> firstSuccessAfter = new ConcurrentHashMap<>();
        AtomicLong restartedAt = new AtomicLong();
        AtomicLong crashedAtMillis = new AtomicLong();
        Set<String> readiness = ConcurrentHashMap.newKeySet();

        Load load = Load.start("pg-load", 5, (thread, i) -> {
            String marker = "pg-" + thread + "-" + i + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
            switch (thread) {
                case 0 -> { // key-service
                    Load.Answer a = timed(phase, "create key", slowest, () -> Load.send(Load.request("/v1/api-keys")
                            .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + marker + "\",\"permission\":\"READ\"}")).build()));
                    record(phase, tally, writes, badAnswers, firstSuccessAfter, "create key", marker, a);
                    if (a.status() == 201) { // and revoked at once (a company holds at most 25 active keys)
                        var key = JSON.readTree(a.body());
                        Faults.secret(key.path("secret").asText());
                        Load.Answer r = timed(phase, "revoke key", slowest, () -> Load.send(Load.request("/v1/api-keys/"
                                + key.path("id").asText()).header("Authorization", "Bearer " + admin).DELETE().build()));
                        record(phase, tally, writes, badAnswers, firstSuccessAfter, "revoke key", key.path("id").asText(), r);
                    }
                    Load.sleep(Duration.ofMillis(100));
                }
                case 1 -> { // ashby-connector-service (and screening-service behind it, and the mail)
                    String email = "cand+" + marker + "@example.com";
                    String body = JSON.writeValueAsString(Faults.startBody(jobId, email, marker));
                    Load.Answer a = timed(phase, "assessment.start", slowest, () -> Load.send(Load.request("/partners/ashby/assessment.start")
                            .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
                    record(phase, tally, writes, badAnswers, firstSuccessAfter, "assessment.start", email, a);
                    Load.sleep(Duration.ofMillis(150));
                }
                case 2 -> { // screening-service: a job written, the jobs read
                    String body = JSON.writeValueAsString(Map.of("title", marker, "description", "written under a restart",
                            "questions", List.of(Map.of("prompt", "Which languages?", "keywords", List.of("java")))));
                    Load.Answer a = timed(phase, "create job", slowest, () -> Load.send(Load.request("/v1/jobs")
                            .header("Authorization", "Bearer " + write).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
                    record(phase, tally, writes, badAnswers, firstSuccessAfter, "create job", marker, a);
                    Load.Answer r = timed(phase, "list jobs", slowest, () -> Load.send(Load.request("/v1/jobs")
                            .header("Authorization", "Bearer " + write).GET().build()));
                    record(phase, tally, null, badAnswers, firstSuccessAfter, "list jobs", marker, r);
                    Load.sleep(Duration.ofMillis(100));
                }
                case 3 -> { // access-request-service (and key-service's read model behind it): a new paid company asks
                    String other = "pgc-" + marker;
                    Load.Answer plan = timed(phase, "set plan", slowest, () -> Load.send(Load.request("/staff/companies/" + other + "/plan")
                            .header("Authorization", "Bearer " + staff).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"plan\":\"PAID\"}")).build()));
                    record(phase, tally, writes, badAnswers, firstSuccessAfter, "set plan", other, plan);
                    if (plan.status() == 200) {
                        String otherAdmin = Faults.adminToken(other);
                        Load.Answer req = timed(phase, "request access", slowest, () -> Load.send(Load.request("/v1/api-access/requests")
                                .header("Authorization", "Bearer " + otherAdmin).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"use_case\":\"restart\"}")).build()));
                        record(phase, tally, writes, badAnswers, firstSuccessAfter, "request access", other, req);
                    }
                    Load.sleep(Duration.ofMillis(150));
                }
                default -> { // readiness, as a load balancer polls it
                    Load.Answer a = Load.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(LocalStack.SCREENING_SERVICE)
                            + "/q/health/ready")).timeout(Duration.ofSeconds(5)).GET().build());
                    readiness.add(phase.get() + ":" + a.status());
                    Load.sleep(Duration.ofMillis(250));
                }
            }
        });
        Duration recovery;
        try {
            Load.sleep(Duration.ofSeconds(5));
            phase.set("outage");
            crashedAtMillis.set(System.currentTimeMillis());
            postgres.crash();
            Load.sleep(OUTAGE);
            phase.set("restart");
            postgres.start();
            restartedAt.set(System.nanoTime());
            phase.set("after");
            // every action the driver takes succeeds again
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> firstSuccessAfter.keySet().containsAll(List.of("create key", "revoke key", "assessment.start", "create job",
                            "list jobs", "set plan", "request access")));
            recovery = Duration.ofNanos(firstSuccessAfter.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                    - restartedAt.get());
            Load.sleep(Duration.ofSeconds(3));
        } finally {
            load.stop();
        }
        System.out.println("scenario 2 answers by phase:action -> status: " + tally + "; slowest ms " + slowest
                + "; readiness " + readiness + "; refused bodies " + badAnswers);

        // the outboxes drain, and everything committed was applied
        List<String> withOutbox = List.of(LocalStack.KEY_SERVICE, LocalStack.ACCESS_REQUEST_SERVICE, LocalStack.SCREENING_SERVICE,
                LocalStack.ASHBY_CONNECTOR_SERVICE);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> withOutbox.stream()
                .mapToLong(m -> DatabaseSnapshot.count(m, "select count(*) from outbox_event")).sum() == 0);
        List<Write> all = List.copyOf(writes);
        List<Write> starts = all.stream().filter(w -> w.action().equals("assessment.start")).toList();
        long started = starts.stream().filter(Write::committed).count();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                DatabaseSnapshot.count(LocalStack.ASHBY_CONNECTOR_SERVICE,
                        "select count(*) from assessment where company_id = ? and status = 'INVITED'", company) >= started);
        Set<String> requesters = all.stream().filter(w -> w.action().equals("request access") && w.committed())
                .map(Write::marker).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> requesters.stream()
                .allMatch(c -> DatabaseSnapshot.count(LocalStack.KEY_SERVICE,
                        "select count(*) from company_access where company_id = ? and access_status = 'PENDING'", c) == 1));

        // each write: committed -> there exactly once; refused -> nothing of it anywhere
        var smtp = stack.smtpCatcher();
        List<String> halfWritten = new ArrayList<>();
        long missing = 0;
        long twice = 0;
        for (Write w : all) {
            long rows = switch (w.action()) {
                case "create key" -> DatabaseSnapshot.count(LocalStack.KEY_SERVICE,
                        "select count(*) from api_key where company_id = ? and name = ?", company, w.marker());
                case "revoke key" -> DatabaseSnapshot.count(LocalStack.KEY_SERVICE,
                        "select count(*) from api_key where id = ?::uuid and status = 'REVOKED'", w.marker());
                case "create job" -> DatabaseSnapshot.count(LocalStack.SCREENING_SERVICE,
                        "select count(*) from job where company_id = ? and title = ?", company, w.marker());
                case "assessment.start" -> DatabaseSnapshot.count(LocalStack.ASHBY_CONNECTOR_SERVICE,
                        "select count(*) from assessment where company_id = ? and candidate_email = ?", company, w.marker())
                        + DatabaseSnapshot.count(LocalStack.SCREENING_SERVICE,
                        "select count(*) from screening where candidate_email = ?", w.marker())
                        + smtp.messagesTo(w.marker()).size();
                case "set plan" -> DatabaseSnapshot.count(LocalStack.ACCESS_REQUEST_SERVICE,
                        "select count(*) from company_entitlement where company_id = ? and plan = 'PAID'", w.marker());
                case "request access" -> DatabaseSnapshot.count(LocalStack.ACCESS_REQUEST_SERVICE,
                        "select count(*) from access_request where company_id = ?", w.marker())
                        + DatabaseSnapshot.count(LocalStack.KEY_SERVICE,
                        "select count(*) from company_access where company_id = ? and access_status = 'PENDING'", w.marker());
                default -> throw new IllegalStateException(w.action());
            };
            long expected = w.committed() ? ("assessment.start".equals(w.action()) ? 3 : "request access".equals(w.action()) ? 2 : 1) : 0;
            if (rows != expected) {
                halfWritten.add(w + " found " + rows + " expected " + expected);
                if (rows < expected) {
                    missing++;
                } else {
                    twice++;
                }
            }
        }

        // what access-request-service published for the new companies was applied once by key-service, none dead-lettered
        Set<String> companies = all.stream().filter(w -> w.action().equals("set plan")).map(Write::marker).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> accessEvents = Topics.readAll(KafkaAccess.KEY_SERVICE, "truffle.access.v1").stream()
                .filter(r -> companies.contains(r.key())).toList();
        Set<String> eventIds = accessEvents.stream().map(r -> Topics.header(r, "ce_id")).collect(Collectors.toSet());
        // An event on Kafka twice is the outbox's at-least-once at work, and only one way is allowed: the relay had
        // sent it when the crash killed its transaction, so the delete of its row rolled back and the row went again
        // after the restart (no atomic commit spans PostgreSQL and Kafka). Such a repeat's first copy left before the
        // crash (its record time at most the crash, plus a second for clocks) and its second after it; key-service's
        // inbox applies it once (checked below by ce_id).
        Map<String, List<Long>> copies = accessEvents.stream().collect(Collectors.groupingBy(r -> Topics.header(r, "ce_id"),
                LinkedHashMap::new, Collectors.mapping(ConsumerRecord::timestamp, Collectors.toList())));
        Map<String, List<Long>> resent = new LinkedHashMap<>();
        copies.forEach((id, times) -> {
            if (times.size() > 1) {
                resent.put(id, times);
            }
        });
        long crashed = crashedAtMillis.get();
        List<String> resentOtherwise = resent.entrySet().stream().filter(e -> e.getValue().size() != 2
                        || Collections.min(e.getValue()) > crashed + 1_000 || Collections.max(e.getValue()) < crashed)
                .map(e -> e.getKey() + " at " + e.getValue() + " (crash at " + crashed + ")").toList();
        long appliedOnce = eventIds.stream().filter(id -> DatabaseSnapshot.count(LocalStack.KEY_SERVICE,
                "select count(*) from processed_event where consumer = 'key-service.access-events' and event_id = ?", id) == 1).count();
        long expectedEvents = all.stream().filter(w -> (w.action().equals("set plan") || w.action().equals("request access"))
                && w.committed()).count();
        Map<String, Long> restarted = new LinkedHashMap<>();
        LocalStack.MODULES.forEach(m -> {
            if (stack.pid(m) != pids.get(m)) {
                restarted.put(m, stack.pid(m));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> LocalStack.MODULES.stream().allMatch(m -> Load.send(HttpRequest.newBuilder(
                URI.create(stack.managementUrl(m) + "/q/health/ready")).GET().build()).status() == 200));

        long sent = tally.all(s -> true);
        long committed = all.stream().filter(Write::committed).count();
        long refused = all.size() - committed;
        long outage503 = tally.all(s -> s == 503);
        long maxOutageMs = slowest.entrySet().stream().filter(e -> e.getKey().startsWith("outage")).mapToLong(e -> e.getValue().get())
                .max().orElse(0);
        Faults.figures("2 PostgreSQL crash+restart " + OUTAGE.toSeconds() + " s", sent, committed, accessEvents.size(), appliedOnce,
                started, missing, twice, recovery, String.format(Locale.ROOT,
                        "writes %d (committed %d, refused %d), 503 problems %d, other >=500 %d, no answer %d, slowest answer while"
                                + " down %d ms; assessments started %d; access events %d for %d committed changes, applied once %d;"
                                + " re-sent by the relay the crash interrupted %d; half-written %d; every action served again %.1f s after the server was up; readiness %s;"
                                + " restarted %s",
                        all.size(), committed, refused, outage503, tally.all(s -> s >= 500 && s != 503), tally.all(s -> s < 0),
                        maxOutageMs, started, accessEvents.size(), expectedEvents, appliedOnce, resent.size(), halfWritten.size(),
                        recovery.toMillis() / 1e3, new TreeSet<>(readiness), restarted));

        assertThat(tally.all(s -> s < 0)).as("requests that hung or got no answer").isZero();
        assertThat(tally.all(s -> s >= 500 && s != 503)).as("answers >= 500 other than 503").isZero();
        assertThat(badAnswers).as("refusals that are not a 503 problem (or Ashby's envelope)").isEmpty();
        assertThat(maxOutageMs).as("slowest answer while the database was down (ms)").isLessThan(FAIL_FAST.toMillis());
        assertThat(outage503).as("requests refused 503 while the database was down").isGreaterThan(0);
        assertThat(halfWritten).as("writes half-written, missing or doubled").isEmpty();
        assertThat(resentOtherwise).as("access events on Kafka more than once other than re-sent across the crash").isEmpty();
        assertThat((long) eventIds.size()).as("distinct access events for the committed changes").isEqualTo(expectedEvents);
        assertThat(appliedOnce).as("access events key-service applied exactly once").isEqualTo(expectedEvents);
        assertThat(recovery).as("every action served again after the restart").isLessThan(Duration.ofSeconds(20));
        assertThat(restarted).as("services restarted").isEmpty();
    }

    private interface Call {
        Load.Answer send() throws Exception;
    }

    private static Load.Answer timed(AtomicReference<String> phase, String action, Map<String, AtomicLong> slowest, Call call)
            throws Exception {
        String p = phase.get();
        long t0 = System.nanoTime();
        Load.Answer a = call.send();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        slowest.computeIfAbsent(p + ":" + action, k -> new AtomicLong()).accumulateAndGet(ms, Math::max);
        return a;
    }

    /**
     * Counts the answer and checks its shape: a success, or a 503 problem (on the partner route: Ashby's envelope with
     * the status kept), or — for a write that reached the service just as the server came back — any clear 4xx problem.
     */
    private static void record(AtomicReference<String> phase, Load.Tally tally, List<Write> writes, Set<String> bad,
                               Map<String, Long> firstSuccessAfter, String action, String marker, Load.Answer a) {
        String p = phase.get();
        tally.add(p + ":" + action, a.status());
        if (writes != null) {
            writes.add(new Write(action, marker, a.status()));
        }
        boolean ok = a.status() >= 200 && a.status() < 300;
        if (ok && "after".equals(p)) {
            firstSuccessAfter.putIfAbsent(action, System.nanoTime());
        }
        if (!ok && a.status() > 0) {
            boolean partner = action.equals("assessment.start");
            boolean shaped = partner ? a.body().contains("\"success\":false") || a.contentType().startsWith("application/problem+json")
                    : a.contentType().startsWith("application/problem+json");
            if (a.status() != 503 || !shaped) {
                bad.add(p + ":" + action + " " + a.status() + " " + a.contentType() + " " + abbreviate(a.body()));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
