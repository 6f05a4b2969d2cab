package com.truffle.ashby.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.adapter.in.messaging.ContractProbe;
import com.truffle.ashby.support.AshbyWireMock;
import com.truffle.platform.testing.EventContracts;
import com.truffle.platform.testing.TruffleServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Both sides of the event contracts (CONVENTIONS.md "Events"): the samples of what this service publishes match their
 * schemas, and this service's tolerant readers understand every sample of what it consumes, with the application's
 * own ObjectMapper. Producers' samples are read from their module when it exists, else from the copies kept in
 * src/test/resources/contract-samples (built from docs/contracts.md).
 */
@QuarkusTest
@WithTestResource(TruffleServiceTestResource.class)
@WithTestResource(AshbyWireMock.class)
class EventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void ownSamplesMatchOwnSchemasAndEveryProducedTypeHasBoth() {
        EventContracts own = EventContracts.own();
        assertThat(own.types()).containsExactlyInAnyOrder("AssessmentRequested", "AssessmentCancelled", "AshbyConnected", "AshbyDisconnected");
        for (String type : own.types()) {
            own.assertValid(type, own.sample(type));
        }
        assertThat(own.violations("AssessmentRequested", own.sample("AssessmentRequested").replace("\"job_id\"", "\"job\"")))
                .as("the schemas do refuse a wrong payload").isNotEmpty();
    }

    @Test
    void accessRequestServiceSamplesAreUnderstood() {
        EventContracts access = EventContracts.producer("access-request-service");
        assertThat(access.types()).contains("PlanChanged", "AccessSuspended", "AccessReinstated");
        for (String type : access.types()) {
            assertThat(ContractProbe.accessPlan(access.sample(type), mapper)).as(type).isPresent();
        }
    }

    @Test
    void screeningServiceSamplesAreUnderstood() {
        List<Sample> samples = samples("screening-service");
        assertThat(samples).extracting(Sample::type).contains("PositionPublished", "PositionUpdated", "ScreeningInvited",
                "ScreeningStarted", "ScreeningCompleted", "ScreeningCancelled");
        for (Sample s : samples) {
            String understood = ContractProbe.screening(s.type(), s.json(), mapper);
            if (!FOLLOWED_SCREENING_TYPES.contains(s.type())) {
                assertThat(understood).as("not followed, skipped quietly: " + s.origin()).isEqualTo("Ignored");
            } else {
                assertThat(understood).as(s.origin()).isNotEqualTo("Ignored");
                if (s.origin().startsWith("copy of")) {
                    assertThat(understood).as("every member of our copy is read: " + s.origin()).doesNotContain("null");
                }
            }
        }
    }

    @Test
    void keyServiceSamplesAreUnderstood() {
        for (Sample s : samples("key-service")) {
            if (s.type().startsWith("Key") && !s.type().equals("KeyState")) {
                assertThat(ContractProbe.key(s.json(), mapper)).as(s.origin()).isPresent();
            }
        }
    }

    static final java.util.Set<String> FOLLOWED_SCREENING_TYPES = java.util.Set.of("PositionPublished", "PositionUpdated",
            "ScreeningInvited", "ScreeningStarted", "ScreeningCompleted", "ScreeningCancelled");

    record Sample(String origin, String type, String json) {
    }

    /** The producer's own samples when its module exists, and always our copies of them. */
    static List<Sample> samples(String producer) {
        List<Sample> out = new ArrayList<>();
        read(Path.of("..", producer, "src/main/resources/events"), producer, out);
        read(Path.of("src/test/resources/contract-samples", producer), "copy of " + producer, out);
        return out;
    }

    private static void read(Path folder, String origin, List<Sample> out) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".sample.json")).sorted().toList()) {
                String name = p.getFileName().toString();
                out.add(new Sample(origin + "/" + name, name.substring(0, name.length() - ".sample.json".length()), Files.readString(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
