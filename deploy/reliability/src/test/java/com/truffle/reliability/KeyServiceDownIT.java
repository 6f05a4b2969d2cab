package com.truffle.reliability;

import static com.truffle.reliability.Faults.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.stack.LocalStack;
import com.truffle.platform.apikeys.ApiKeyFormat;
import com.truffle.platform.apikeys.KeyKind;
import io.restassured.path.json.JsonPath;

/**
 * Scenario 5: key-service is killed (SIGKILL) while the gateway serves a mixed load of known, revoked (revoked and
 * regenerated-away) and unknown (well formed with a valid checksum but never issued, and garbage) keys; it stays down,
 * then comes back. 0 revoked keys admitted, 0 answers ≥ 500 (or no answer), every known key answered 200, every
 * unknown one 401, before, during and after the outage.
 */
@Order(10)
class KeyServiceDownIT {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("reliability.keyservice.outage-seconds", 10));

    @Test
    void gatewayKeepsDecidingWithKeyServiceKilled() {
        String company = Faults.approvedCompany();
        List<String> known = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            known.add(Faults.createKey(company, i % 2 == 0 ? "READ" : "WRITE").getString("secret"));
        }
        for (int i = 0; i < 3; i++) {
            JsonPath k = Faults.createKey(company, "READ");
            Faults.awaitAdmitted(k.getString("secret"));
            Faults.revoke(company, k.getString("id"));
            dead.add(k.getString("secret"));
        }
        for (int i = 0; i < 2; i++) {
            JsonPath k = Faults.createKey(company, "READ");
            Faults.awaitAdmitted(k.getString("secret"));
            known.add(Faults.regenerate(company, k.getString("id")));
            dead.add(k.getString("secret"));
        }
        known.forEach(Faults::awaitAdmitted);
        for (String d : dead) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> gateway().auth().oauth2(d).get("/v1/jobs").statusCode() == 401);
        }
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            unknown.add(ApiKeyFormat.generate(i % 2 == 0 ? KeyKind.LIVE : KeyKind.ASHBY, RANDOM));
        }

        Load.Tally tally = new Load.Tally();
        java.util.concurrent.atomic.AtomicReference<String> phase = new java.util.concurrent.atomic.AtomicReference<>("before");
        Load load = Load.start("keys-load", 4, (thread, i) -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int pick = r.nextInt(10);
            String category;
            String key;
            if (pick < 5) {
                category = "known";
                key = known.get(r.nextInt(known.size()));
            } else if (pick < 7) {
                category = "revoked";
                key = dead.get(r.nextInt(dead.size()));
            } else if (pick < 9) {
                category = "unknown";
                key = unknown.get(r.nextInt(unknown.size()));
            } else {
                category = "garbage";
                key = r.nextBoolean() ? "trf_live_" + garbage(38) : garbage(1 + r.nextInt(60));
            }
            Load.Answer a = Load.send(Load.request("/v1/jobs").header("Authorization", "Bearer " + key).GET().build());
            tally.add(category, a.status());
            tally.add(phase.get() + ":" + category, a.status());
        });

        LocalStack stack = Faults.stack();
        Duration restart;
        try {
            Load.sleep(Duration.ofSeconds(3));
            phase.set("outage");
            Faults.kill9(LocalStack.KEY_SERVICE);
            Load.sleep(OUTAGE);
            long t0 = System.nanoTime();
            phase.set("restart");
            stack.startService(LocalStack.KEY_SERVICE);
            restart = Duration.ofNanos(System.nanoTime() - t0);
            phase.set("after");
            Load.sleep(Duration.ofSeconds(3));
        } finally {
            load.stop();
            if (!stack.isRunning(LocalStack.KEY_SERVICE)) {
                stack.startService(LocalStack.KEY_SERVICE);
            }
        }
        System.out.println("scenario 5 answers by phase:category -> status: " + tally);

        long sent = tally.total("known") + tally.total("revoked") + tally.total("unknown") + tally.total("garbage");
        long revokedAdmitted = tally.count("revoked", s -> s >= 200 && s < 300);
        long unknownAdmitted = tally.count("unknown", s -> s >= 200 && s < 300) + tally.count("garbage", s -> s >= 200 && s < 300);
        long serverErrors = tally.all(s -> s >= 500 || s < 0);
        long knownRefused = tally.total("known") - tally.count("known", s -> s == 200);
        long duringOutage = tally.total("outage:known") + tally.total("outage:revoked") + tally.total("outage:unknown")
                + tally.total("outage:garbage");
        Faults.figures("5 key-service SIGKILL " + OUTAGE.toSeconds() + " s", sent, -1, -1, -1, tally.count("known", s -> s == 200),
                knownRefused, 0, restart,
                String.format("known %d (200: %d), revoked %d (admitted %d), unknown+garbage %d (admitted %d), >=500 or none %d,"
                                + " sent during outage %d", tally.total("known"), tally.count("known", s -> s == 200),
                        tally.total("revoked"), revokedAdmitted, tally.total("unknown") + tally.total("garbage"), unknownAdmitted,
                        serverErrors, duringOutage));

        assertThat(duringOutage).as("requests sent while key-service was down").isGreaterThan(100);
        assertThat(revokedAdmitted).as("revoked or regenerated-away keys admitted").isZero();
        assertThat(unknownAdmitted).as("never-issued keys admitted").isZero();
        assertThat(serverErrors).as("answers >= 500 or no answer").isZero();
        assertThat(knownRefused).as("known keys not answered 200").isZero();
        assertThat(tally.count("revoked", s -> s != 401)).as("revoked keys not answered 401").isZero();
        assertThat(tally.count("unknown", s -> s != 401) + tally.count("garbage", s -> s != 401)).as("unknown keys not 401").isZero();
    }

    static String garbage(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
