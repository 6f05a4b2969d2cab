package com.truffle.deploy.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.truffle.deploy.net.Ports;
import com.truffle.deploy.stack.support.FakeServiceJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor the stack runs the services with: nothing survives a stop, not even a grandchild. */
class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(20)
    void closeLeavesNoProcessAndNoPortBehindIncludingDescendants() throws Exception {
        List<Integer> ports = Ports.free(2);
        int port = ports.get(0);
        int grandchildPort = ports.get(1);
        Path log = dir.resolve("logs/fake.log");
        ChildProcess child = ChildProcess.start("fake", FakeServiceJars.command(),
                Map.of("PORT", String.valueOf(port), "FAKE_CHILD_PORT", String.valueOf(grandchildPort)),
                Set.of(), dir, log);

        await().atMost(Duration.ofSeconds(10)).until(() -> Ports.isListening("127.0.0.1", port)
                && Ports.isListening("127.0.0.1", grandchildPort));
        List<ProcessHandle> family = child.process().descendants().toList();
        assertFalse(family.isEmpty(), "the fake service started a grandchild");
        ProcessHandle self = child.process().toHandle();

        child.close();

        assertFalse(self.isAlive(), "the child is gone");
        family.forEach(h -> assertFalse(h.isAlive(), "descendant " + h.pid() + " is gone"));
        assertTrue(Ports.isFree(port), "port " + port + " is free");
        assertTrue(Ports.isFree(grandchildPort), "port " + grandchildPort + " is free");
        String logText = Files.readString(log);
        assertTrue(logText.contains("starting fake"), logText);
        assertTrue(logText.contains("FakeService listening on " + port), logText);
        assertTrue(child.tailLog(5).contains("started a child"), child.tailLog(5));
    }

    @Test
    @Timeout(20)
    void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
        int port = Ports.free();
        ChildProcess child = ChildProcess.start("stubborn", FakeServiceJars.command(),
                Map.of("PORT", String.valueOf(port), "FAKE_IGNORE_TERM", "true"), Set.of(), dir,
                dir.resolve("stubborn.log"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Ports.isListening("127.0.0.1", port));

        long t0 = System.nanoTime();
        child.stop(Duration.ofSeconds(1));
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;

        assertFalse(child.isAlive());
        assertTrue(tookMillis >= 900, "waited for the grace period first (" + tookMillis + " ms)");
        assertTrue(Ports.isFree(port));
    }

    @Test
    @Timeout(20)
    void theChildGetsItsOwnEnvironmentWithoutTheRemovedVariables() throws Exception {
        int port = Ports.free();
        // PATH is inherited by default; removing it proves removeEnv is applied before env
        ChildProcess child = ChildProcess.start("env", FakeServiceJars.command(),
                Map.of("PORT", String.valueOf(port), "TRUFFLE_X", "42"), Set.of("PATH"), dir, dir.resolve("env.log"));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Ports.isListening("127.0.0.1", port));
            String env = new String(java.net.URI.create("http://127.0.0.1:" + port + "/env").toURL().openStream()
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(env.contains("\"TRUFFLE_X\":\"42\""), env);
            assertFalse(env.contains("\"PATH\":"), env);
        } finally {
            child.close();
        }
        assertTrue(Ports.isFree(port));
    }
}
