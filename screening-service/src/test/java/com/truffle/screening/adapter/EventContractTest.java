package com.truffle.screening.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.truffle.platform.testing.EventContracts;
import com.truffle.screening.adapter.in.messaging.AshbyCommandConsumer;
import com.truffle.screening.domain.ScreeningEvent;

/**
 * Both sides of the event contracts: every event this service publishes has a schema its sample satisfies; the
 * commands it consumes parse into its tolerant readers, from its own copies of the payloads of docs/contracts.md
 * and from the producer's (ashby-connector-service) samples once that module has them.
 */
class EventContractTest {

    static final ObjectMapper SNAKE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final Path PRODUCER = Path.of("..", "ashby-connector-service", "src", "main", "resources", "events");

    @Test
    void everyPublishedTypeHasASchemaAndAValidSample() {
        EventContracts own = EventContracts.own();
        assertThat(own.types()).containsExactlyInAnyOrderElementsOf(ScreeningEvent.TYPES);
        for (String type : own.types()) {
            assertThat(own.violations(type, own.sample(type))).as(type).isEmpty();
        }
        assertThat(own.violations("ScreeningCompleted", "{\"score\":101}")).isNotEmpty();
    }

    @Test
    void ourCopiesOfTheConnectorsCommandsParse() throws IOException {
        parseCommands(Path.of("src", "test", "resources", "contract-samples"));
    }

    @Test
    void theConnectorsOwnSamplesParse() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PRODUCER) && Files.exists(PRODUCER.resolve("AssessmentRequested.sample.json")),
                "ashby-connector-service has no event samples yet (" + PRODUCER.toAbsolutePath().normalize()
                        + "): only our copies from docs/contracts.md were checked");
        parseCommands(PRODUCER);
        EventContracts producer = EventContracts.producer("ashby-connector-service");
        for (String type : List.of("AssessmentRequested", "AssessmentCancelled")) {
            assertThat(producer.types()).contains(type);
            // our copies must still be what the producer publishes
            producer.assertValid(type, Files.readString(Path.of("src", "test", "resources", "contract-samples", type + ".sample.json")));
        }
    }

    static void parseCommands(Path folder) throws IOException {
        var requested = SNAKE.readValue(Files.readString(folder.resolve("AssessmentRequested.sample.json")),
                AshbyCommandConsumer.AssessmentRequested.class);
        var command = AshbyCommandConsumer.toCommand(requested);
        assertThat(command.commandId()).isNotNull();
        assertThat(command.assessmentId()).isNotBlank();
        assertThat(command.jobId()).isNotBlank();
        assertThat(command.candidate().email()).contains("@");

        var cancelled = SNAKE.readValue(Files.readString(folder.resolve("AssessmentCancelled.sample.json")),
                AshbyCommandConsumer.AssessmentCancelled.class);
        assertThat(cancelled.commandId()).isNotNull();
        assertThat(cancelled.companyId()).isNotBlank();
        assertThat(cancelled.assessmentId()).isNotBlank();
    }
}
