package com.truffle.screening.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.truffle.platform.testing.EventContracts;
import com.truffle.screening.adapter.in.messaging.AshbyCommandConsumer;
import com.truffle.screening.domain.ScreeningEvent;

/**
 * Both sides of the event contracts: every event this service publishes has a schema its sample satisfies; the
 * commands it consumes (the producer ashby-connector-service's own samples) parse into its tolerant readers.
 */
class EventContractTest {

    static final ObjectMapper SNAKE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
    void theConnectorsOwnSamplesParse() throws IOException {
        EventContracts producer = EventContracts.producer("ashby-connector-service");
        assertThat(producer.types()).contains("AssessmentRequested", "AssessmentCancelled");
        var requested = SNAKE.readValue(producer.sample("AssessmentRequested"), AshbyCommandConsumer.AssessmentRequested.class);
        var command = AshbyCommandConsumer.toCommand(requested);
        assertThat(command.commandId()).isNotNull();
        assertThat(command.assessmentId()).isNotBlank();
        assertThat(command.jobId()).isNotBlank();
        assertThat(command.candidate().email()).contains("@");

        var cancelled = SNAKE.readValue(producer.sample("AssessmentCancelled"), AshbyCommandConsumer.AssessmentCancelled.class);
        assertThat(cancelled.commandId()).isNotNull();
        assertThat(cancelled.companyId()).isNotBlank();
        assertThat(cancelled.assessmentId()).isNotBlank();
    }
}
