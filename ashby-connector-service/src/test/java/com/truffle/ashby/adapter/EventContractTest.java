package com.truffle.ashby.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
 * own ObjectMapper. Producers' samples are read from their own module (src/main/resources/events).
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
                assertThat(understood.split("=null", -1).length - 1).as("every member the sample fills is read: " + s.origin() + " → " + understood)
                        .isLessThanOrEqualTo(nullMembers(s.json()));
            }
        }
    }

    @Test
    void keyServiceSamplesAreUnderstood() {
        List<Sample> samples = samples("key-service");
        assertThat(samples).extracting(Sample::type).contains("KeyCreated", "KeyRegenerated", "KeyRevoked", "KeySuspended", "KeyReinstated");
        for (Sample s : samples) {
            if (s.type().startsWith("Key") && !s.type().equals("KeyState")) {
                assertThat(ContractProbe.key(s.json(), mapper)).as(s.origin()).isPresent();
            }
        }
    }

    static final java.util.Set<String> FOLLOWED_SCREENING_TYPES = java.util.Set.of("PositionPublished", "PositionUpdated",
            "ScreeningInvited", "ScreeningStarted", "ScreeningCompleted", "ScreeningCancelled");

    record Sample(String origin, String type, String json) {
    }

    /** How many members of the payload are JSON null. */
    static int nullMembers(String json) {
        try {
            int nulls = 0;
            for (var it = new ObjectMapper().readTree(json).elements(); it.hasNext();) {
                nulls += it.next().isNull() ? 1 : 0;
            }
            return nulls;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The producer's own samples, from its module. */
    static List<Sample> samples(String producer) {
        EventContracts contracts = EventContracts.producer(producer);
        return contracts.types().stream().map(type -> new Sample(producer + "/" + type, type, contracts.sample(type))).toList();
    }
}
