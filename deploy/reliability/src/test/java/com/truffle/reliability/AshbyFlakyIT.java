package com.truffle.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.stack.ashby.AshbySandbox;

/**
 * Scenario 4: one company's Ashby is slow and flaky (every call waits {@value #LATENCY_MS} ms, half of them then fail
 * with HTTP 503), another company's Ashby is fine, and both send results at once. The flaky company's card goes
 * DEGRADED; the other company's results reach Ashby within seconds of the candidate's submit all along (one slow
 * company does not hold another's deliveries); once the flaky Ashby recovers, every result of the first company is
 * delivered too and its card is CONNECTED again. Nothing lost, nothing applied twice.
 *
 * <p>Scaled down from the "10 s latency for minutes": the sandbox answers 4 calls at a time, so a 10 s latency
 * would stall the sandbox itself (both companies share it) rather than the connector.
 */
@Order(30)
class AshbyFlakyIT {

    static final int PER_COMPANY = Integer.getInteger("reliability.flaky.results", 25);
    static final long LATENCY_MS = 300;
    static final Duration PROMPT = Duration.ofSeconds(5);

    record Company(String id, String ashbyKey, String partnerKey, String jobId) {
    }

    static Company connected(String title) {
        String id = Faults.approvedCompany();
        String write = Faults.createKey(id, "WRITE").getString("secret");
        String jobId = Faults.job(write, title);
        String ashbyKey = Faults.ashbyKey();
        String partnerKey = Faults.connect(id, ashbyKey);
        Faults.awaitListed(partnerKey, jobId);
        return new Company(id, ashbyKey, partnerKey, jobId);
    }

    @Test
    void aFlakyAshbyDegradesOneCompanyOnlyAndEverythingArrivesAfterwards() throws Exception {
        AshbySandbox sandbox = Faults.sandbox();
        Company flaky = connected("Flaky Ashby");
        Company fine = connected("Fine Ashby");
        sandbox.slowDown(flaky.ashbyKey(), Duration.ofMillis(LATENCY_MS), 0.5, 503);

        Set<String> statuses = ConcurrentHashMap.newKeySet();
        Load watcher = Load.start("card-watch", 1, (t, i) -> {
            statuses.add(Faults.card(flaky.id()));
            Load.sleep(Duration.ofMillis(200));
        });
        List<Faults.Completed> flakyDone = Collections.synchronizedList(new ArrayList<>());
        List<Faults.Completed> fineDone = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < PER_COMPANY; i++) {
                work.add(pool.submit(() -> flakyDone.add(Faults.inviteAndComplete(flaky.partnerKey(), flaky.jobId()))));
                work.add(pool.submit(() -> fineDone.add(Faults.inviteAndComplete(fine.partnerKey(), fine.jobId()))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> fineIds = fineDone.stream().map(Faults.Completed::assessment).collect(Collectors.toSet());
        Set<String> flakyIds = flakyDone.stream().map(Faults.Completed::assessment).collect(Collectors.toSet());
        // the fine company's results all arrive while the other's Ashby is still flaky
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> results(sandbox, fineIds).size() == PER_COMPANY);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> statuses.contains("DEGRADED"));
        int flakyBeforeRecovery = results(sandbox, flakyIds).size();
        double flakySeconds = (System.nanoTime() - t0) / 1e9;

        long recovered = System.nanoTime();
        sandbox.clearSlowDowns();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> results(sandbox, flakyIds).size() == PER_COMPANY
                        && delivered(flaky.id()) == 2L * PER_COMPANY && "CONNECTED".equals(Faults.card(flaky.id())));
        Duration recovery = Duration.ofNanos(System.nanoTime() - recovered);
        Load.sleep(Duration.ofSeconds(2));
        watcher.stop();

        Map<String, java.time.Instant> submitted = new ConcurrentHashMap<>();
        fineDone.forEach(c -> submitted.put(c.assessment(), c.submittedAt()));
        List<Long> fineMillis = results(sandbox, fineIds).stream()
                .map(c -> Duration.between(submitted.get(c.assessmentId()), c.receivedAt()).toMillis()).sorted()
                .collect(Collectors.toList());
        long fineMax = fineMillis.get(fineMillis.size() - 1);
        int[] flakyCounts = counts(sandbox, flakyIds);
        int[] fineCounts = counts(sandbox, fineIds);
        long faults = sandbox.updates().stream().filter(c -> flakyIds.contains(c.assessmentId()))
                .filter(c -> c.outcome().startsWith("fault:")).count();
        Faults.figures("4 Ashby slow+flaky for one of two companies", 4L * PER_COMPANY, delivered(flaky.id()) + delivered(fine.id()),
                -1, -1, flakyCounts[0] + fineCounts[0], (2L * PER_COMPANY - flakyCounts[0]) + (2L * PER_COMPANY - fineCounts[0]),
                flakyCounts[1] + fineCounts[1], recovery, String.format(Locale.ROOT,
                        "flaky company: %d x 503 at %d ms latency over %.0f s, %d/%d results before recovery, card seen %s;"
                                + " other company: submit->Ashby p50 %d ms, max %d ms", faults, LATENCY_MS, flakySeconds,
                        flakyBeforeRecovery, PER_COMPANY, statuses, fineMillis.get(fineMillis.size() / 2), fineMax));

        assertThat(statuses).as("the flaky company's card").contains("DEGRADED");
        assertThat(fineMax).as("the other company's slowest submit -> Ashby, ms").isLessThan(PROMPT.toMillis());
        assertThat(flakyCounts[0]).as("flaky company: distinct updates accepted").isEqualTo(2 * PER_COMPANY);
        assertThat(fineCounts[0]).as("other company: distinct updates accepted").isEqualTo(2 * PER_COMPANY);
        assertThat(flakyCounts[1] + fineCounts[1]).as("updates accepted twice").isZero();
        assertThat(flakyCounts[2] + fineCounts[2]).as("assessments out of order").isZero();
        assertThat(delivered(fine.id())).isEqualTo(2L * PER_COMPANY);
    }

    /** Accepted result updates (not Started) of these assessments. */
    static List<AshbySandbox.RecordedCall> results(AshbySandbox sandbox, Set<String> assessments) {
        return ConnectorKilledIT.accepted(sandbox, assessments).stream()
                .filter(c -> ConnectorKilledIT.isResult(c.rawBody())).collect(Collectors.toList());
    }

    /** {distinct accepted updates, accepted repeats, assessments not Started-then-result}. */
    static int[] counts(AshbySandbox sandbox, Set<String> assessments) {
        Map<String, List<AshbySandbox.RecordedCall>> by = ConnectorKilledIT.accepted(sandbox, assessments).stream()
                .collect(Collectors.groupingBy(AshbySandbox.RecordedCall::assessmentId));
        int distinct = 0;
        int repeats = 0;
        int disorder = 0;
        for (String a : assessments) {
            List<String> bodies = by.getOrDefault(a, List.of()).stream().map(AshbySandbox.RecordedCall::rawBody).toList();
            long d = bodies.stream().distinct().count();
            distinct += (int) d;
            repeats += bodies.size() - (int) d;
            if (bodies.size() != 2 || !ConnectorKilledIT.isStarted(bodies.get(0)) || !ConnectorKilledIT.isResult(bodies.get(1))) {
                disorder++;
            }
        }
        return new int[] {distinct, repeats, disorder};
    }

    static long delivered(String company) {
        return ConnectorKilledIT.deliveries(company, "DELIVERED");
    }

}
