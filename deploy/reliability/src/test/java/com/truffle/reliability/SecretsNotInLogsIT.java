package com.truffle.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.truffle.deploy.kafka.KafkaAccess;
import com.truffle.deploy.stack.LocalStack;

/**
 * Scenario 7, run last (after the other scenarios made the services log): every secret the run issued or used (API
 * keys, regenerated old and new, Ashby partner keys, screener tokens from the mails, the Ashby keys given to the
 * connector, the key pepper and the other stack secrets, the services' Kafka passwords) is searched for in every
 * service and gateway log and in the stack's own output; also as the Base64 of an HTTP Basic {@code key:} login.
 */
@Order(99)
class SecretsNotInLogsIT {

    @Test
    void noLogHoldsASecretTheRunHandled() throws IOException {
        LocalStack stack = Faults.stack();
        Set<String> secrets = new TreeSet<>(Faults.secrets());
        KafkaAccess.USERS.forEach(u -> secrets.add(stack.secrets().kafkaPassword(u)));

        List<Path> logs = new ArrayList<>();
        for (String module : LocalStack.MODULES) {
            logs.add(stack.logFile(module));
        }
        Path logDir = stack.logFile(LocalStack.API_GATEWAY).getParent();
        try (Stream<Path> files = Files.list(logDir)) {
            files.filter(Files::isRegularFile).filter(p -> !logs.contains(p)).forEach(logs::add);
        }
        logs.add(Faults.stackOutput());

        long bytes = 0;
        List<String> hits = new ArrayList<>();
        for (Path log : logs) {
            assertThat(log).as("log file").exists();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            bytes += text.length();
            for (String s : secrets) {
                String basic = Base64.getEncoder().encodeToString((s + ":").getBytes(StandardCharsets.UTF_8));
                if (text.contains(s) || text.contains(basic)) {
                    hits.add(log.getFileName() + " holds a secret starting " + s.substring(0, Math.min(6, s.length())) + "…");
                }
            }
        }
        long apiKeys = secrets.stream().filter(s -> s.startsWith("trf_live_")).count();
        long partnerKeys = secrets.stream().filter(s -> s.startsWith("trf_ashby_")).count();
        long ashbyKeys = secrets.stream().filter(s -> s.startsWith("sandbox_")).count();
        Faults.figures("7 secrets in logs", secrets.size(), -1, -1, -1, -1, 0, 0, null,
                String.format("%d secrets (%d API keys, %d partner keys, %d Ashby keys, %d others: screener tokens, pepper,"
                                + " encryption keys, Kafka passwords) x %d log files (%.1f MB): %d hits",
                        secrets.size(), apiKeys, partnerKeys, ashbyKeys, secrets.size() - apiKeys - partnerKeys - ashbyKeys,
                        logs.size(), bytes / 1e6, hits.size()));
        assertThat(apiKeys).as("API keys the run issued").isGreaterThan(0);
        assertThat(hits).as("secrets found in logs").isEmpty();
    }
}
