package com.truffle.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.truffle.deploy.stack.LocalStack;

/**
 * Scenario 8, the soak: a moderate mixed load for {@code truffle.soak.minutes} (a command to run, never part of CI:
 * without the property this class does not run). Reads with a READ key, writes with a WRITE key, a key regenerated,
 * screenings started by Ashby and completed by candidates, results delivered to the sandbox. Every
 * {@code truffle.soak.sample-seconds} (30) it samples each service's resident memory and what waits in each
 * service's outbox; at the end it prints the curve and checks: no 5xx, every service's RSS within 10 % of its level
 * after warm-up, the outboxes drained.
 *
 * <pre>./mvnw -B verify -pl deploy/reliability -Dit.test=SoakIT -Dtruffle.soak.minutes=30 -Dreliability.cluster.skip=true</pre>
 */
@EnabledIfSystemProperty(named = "truffle.soak.minutes", matches = "\\d+")
class SoakIT {

    static final double FLAT = 0.10;

    @Test
    void aModerateMixedLoadForHalfAnHourLeavesMemoryFlatAndNothingQueued() throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("truffle.soak.minutes"));
        Duration every = Duration.ofSeconds(Long.getLong("truffle.soak.sample-seconds", 30));
        LocalStack stack = Faults.stack();

        String company = Faults.approvedCompany();
        String read = Faults.createKey(company, "READ").getString("secret");
        var writeKey = Faults.createKey(company, "WRITE");
        AtomicReference<String> write = new AtomicReference<>(writeKey.getString("secret"));
        Faults.awaitAdmitted(read);
        Faults.awaitAdmitted(write.get());
        String partnerKey = Faults.connect(company, Faults.ashbyKey());
        String job = Faults.job(write.get(), "Soak engineer");
        Faults.awaitListed(partnerKey, job);

        Load.Tally tally = new Load.Tally();
        // about 20 reads/s, a write every ~0.5 s, a regenerate every minute, a screening every ~5 s: moderate, mixed
        Load readers = Load.start("soak-read", 1, (t, i) -> {
            tally.add("read", Load.send(Load.request("/v1/jobs").header("Authorization", "Bearer " + read).GET().build()).status());
            Load.sleep(Duration.ofMillis(50));
        });
        Load writers = Load.start("soak-write", 1, (t, i) -> {
            if (i > 0 && i % 120 == 0) {
                write.set(Faults.regenerate(company, writeKey.getString("id")));
                Faults.awaitAdmitted(write.get());
                tally.add("regenerate", 200);
            }
            String body = "{\"title\":\"Soak " + i + "\",\"description\":\"soak\",\"questions\":[{\"prompt\":\"Which languages?\","
                    + "\"keywords\":[\"java\"]}]}";
            tally.add("write", Load.send(Load.request("/v1/jobs").header("Authorization", "Bearer " + write.get())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()).status());
            Load.sleep(Duration.ofMillis(500));
        });
        Load screenings = Load.start("soak-screening", 1, (t, i) -> {
            Faults.inviteAndComplete(partnerKey, job);
            tally.add("screening", 200);
            Load.sleep(Duration.ofSeconds(5));
        });

        List<Sample> samples = new ArrayList<>();
        Instant end = Instant.now().plus(length);
        Instant started = Instant.now();
        try {
            while (Instant.now().isBefore(end) && readers.isRunning() && writers.isRunning() && screenings.isRunning()) {
                samples.add(Sample.take(stack, Duration.between(started, Instant.now())));
                Load.sleep(every);
            }
        } finally {
            readers.stop();
            writers.stop();
            screenings.stop();
        }
        // what the last requests left in the outboxes is relayed within seconds; a queue that stays is the failure
        Sample[] lastSeen = new Sample[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            lastSeen[0] = Sample.take(stack, Duration.between(started, Instant.now()));
            assertThat(lastSeen[0].outbox().values()).as("events still waiting in the outboxes: " + lastSeen[0].outbox())
                    .allMatch(n -> n == 0);
        });
        Sample last = lastSeen[0];
        samples.add(last);

        String table = table(samples);
        System.out.println(table);
        System.out.println("soak requests: " + tally);
        Files.writeString(Path.of("target", "soak.md"), table + "\n\nrequests: " + tally + "\n");

        assertThat(tally.all(s -> s >= 500 || s < 0)).as("5xx or no answer during the soak: " + tally).isZero();
        assertThat(tally.count("read", s -> s == 200)).as("reads answered").isPositive();
        Sample warm = samples.get(Math.min(samples.size() - 1, Math.max(1, samples.size() / 6)));
        for (String module : last.rssKb().keySet()) {
            long base = warm.rssKb().get(module);
            assertThat((double) last.rssKb().get(module)).as("%s RSS %d kB after warm-up, %d kB at the end", module, base,
                    last.rssKb().get(module)).isLessThanOrEqualTo(base * (1 + FLAT));
        }
    }

    record Sample(Duration at, Map<String, Long> rssKb, Map<String, Long> outbox) {

        static Sample take(LocalStack stack, Duration at) throws IOException {
            Map<String, Long> rss = new LinkedHashMap<>();
            Map<String, Long> outbox = new LinkedHashMap<>();
            for (LocalStack.Service s : LocalStack.SERVICES) {
                rss.put(s.module(), rssKb(stack.pid(s.module())));
                if (s.hasDatabase()) {
                    outbox.put(s.module(), waiting(stack, s.module()));
                }
            }
            return new Sample(at, rss, outbox);
        }

        static long rssKb(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for pid " + pid);
        }

        static long waiting(LocalStack stack, String module) {
            String url = "jdbc:postgresql://" + stack.postgresHost() + ":" + stack.postgresPort() + "/" + stack.databaseName(module);
            String user = stack.databaseUser(module);
            try (Connection c = DriverManager.getConnection(url, user, user); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from outbox_event")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(module + ": " + e.getMessage(), e);
            }
        }
    }

    static String table(List<Sample> samples) {
        StringBuilder b = new StringBuilder("| minute |");
        samples.get(0).rssKb().keySet().forEach(m -> b.append(' ').append(m).append(" RSS MB |"));
        b.append(" outbox waiting |\n|---|");
        samples.get(0).rssKb().keySet().forEach(m -> b.append("---|"));
        b.append("---|\n");
        for (Sample s : samples) {
            b.append(String.format(Locale.ROOT, "| %.1f |", s.at().toMillis() / 60_000.0));
            s.rssKb().values().forEach(kb -> b.append(String.format(Locale.ROOT, " %.0f |", kb / 1024.0)));
            b.append(' ').append(s.outbox().values().stream().mapToLong(Long::longValue).sum()).append(" |\n");
        }
        return b.toString();
    }
}
