package com.truffle.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.truffle.deploy.net.Ports;
import com.truffle.deploy.stack.support.FakeServiceJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot succeed says why and leaves nothing running. */
class LocalStackStartFailureTest {

    @TempDir
    Path repo;

    @Test
    void missingJarsSayBuildFirst() throws Exception {
        FakeServiceJars.create(repo, List.of(LocalStack.API_GATEWAY, LocalStack.KEY_SERVICE));

        LocalStackException e = assertThrows(LocalStackException.class,
                () -> LocalStack.forTests(repo).output(new PrintStream(PrintStream.nullOutputStream())).start());

        assertTrue(e.getMessage().startsWith("build first: ./mvnw -DskipTests package"), e.getMessage());
        assertTrue(e.getMessage().contains("screening-service/target/quarkus-app/quarkus-run.jar"), e.getMessage());
    }

    @Test
    @Timeout(20)
    void aServiceThatDiesWhileStartingFailsTheStartWithItsLogAndStopsTheRest() throws Exception {
        FakeServiceJars.createAll(repo);
        Files.writeString(repo.resolve(LocalStack.SCREENING_SERVICE).resolve("crash"), "");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        LocalStack stack = LocalStack.forTests(repo)
                .output(new PrintStream(output, true, StandardCharsets.UTF_8))
                // no broker needed by the fakes: keeps this test quick
                .environment("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9")
                .readinessTimeout(Duration.ofSeconds(15));

        LocalStackException e = assertThrows(LocalStackException.class, stack::start);

        assertTrue(e.getMessage().startsWith("screening-service exited with code 3 while starting"), e.getMessage());
        assertTrue(e.getMessage().contains("simulated start-up failure"), "the tail of its log: " + e.getMessage());
        // every other service was started, then stopped again
        Matcher pids = Pattern.compile("pid (\\d+)").matcher(output.toString(StandardCharsets.UTF_8));
        int seen = 0;
        while (pids.find()) {
            seen++;
            long pid = Long.parseLong(pids.group(1));
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is gone");
        }
        assertEquals(5, seen, output.toString(StandardCharsets.UTF_8));
        for (String module : LocalStack.MODULES) {
            assertTrue(Ports.isFree(stack.servicePort(module)), module + "'s port is free");
        }
    }

    @Test
    @Timeout(20)
    void aServiceThatNeverGetsReadyTimesOutNamingIt() throws Exception {
        FakeServiceJars.create(repo, List.of(LocalStack.KEY_SERVICE));
        Files.writeString(repo.resolve(LocalStack.KEY_SERVICE).resolve("never-ready"), "");
        LocalStack stack = LocalStack.forTests(repo)
                .output(new PrintStream(PrintStream.nullOutputStream()))
                .environment("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9")
                .services(LocalStack.KEY_SERVICE)
                .readinessTimeout(Duration.ofSeconds(3));

        LocalStackException e = assertThrows(LocalStackException.class, stack::start);

        assertTrue(e.getMessage().startsWith("not ready after"), e.getMessage());
        assertTrue(e.getMessage().contains("--- key-service: HTTP 503 {\"status\":\"DOWN\""), e.getMessage());
        assertTrue(e.getMessage().contains("FakeService listening"), "the tail of its log: " + e.getMessage());
        assertTrue(Ports.isFree(stack.servicePort(LocalStack.KEY_SERVICE)));
        assertEquals(-1, stack.pid(LocalStack.KEY_SERVICE));
    }
}
