package com.truffle.screening.adapter.in.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.platform.inbox.CloudEvent;
import com.truffle.platform.inbox.IdempotentConsumer;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.CancelAssessmentCommand;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.CandidateInput;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.RequestAssessmentCommand;
import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The Ashby connector's commands on truffle.ashby.v1 (AssessmentRequested, AssessmentCancelled; its other types
 * are not for us). Once per ce_id (inbox) and once per command_id (the use case), both in the handler's
 * transaction; the offset is committed after it. A record that cannot be read is logged and skipped: it would
 * never read better on a retry. Transient failures (database) are retried with backoff.
 */
@ApplicationScoped
public class AshbyCommandConsumer {

    private static final Logger LOG = Logger.getLogger(AshbyCommandConsumer.class);
    static final String CONSUMER = "screening-service.ashby-commands";

    /** Tolerant readers: only what this service needs, unknown fields ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssessmentRequested(UUID commandId, String companyId, String assessmentId, String jobId, CandidateDto candidate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CandidateDto(String email, String firstName, String lastName, String externalId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssessmentCancelled(UUID commandId, String companyId, String assessmentId, String reason) {
    }

    @Inject
    IdempotentConsumer inbox;
    @Inject
    HandleAshbyCommandUseCase commands;
    @Inject
    ObjectMapper mapper;

    @Incoming("ashby-commands")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.once(CONSUMER, record, this::handle)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8);
    }

    Uni<Void> handle(CloudEvent event) {
        try {
            return switch (event.type()) {
                case "AssessmentRequested" -> {
                    AssessmentRequested c = mapper.readValue(event.data(), AssessmentRequested.class);
                    yield commands.requestAssessment(toCommand(c)).invoke(outcome -> log(event, outcome)).replaceWithVoid();
                }
                case "AssessmentCancelled" -> {
                    AssessmentCancelled c = mapper.readValue(event.data(), AssessmentCancelled.class);
                    yield commands.cancelAssessment(new CancelAssessmentCommand(c.commandId(), new CompanyId(c.companyId()),
                            c.assessmentId(), c.reason())).invoke(outcome -> log(event, outcome)).replaceWithVoid();
                }
                default -> Uni.createFrom().voidItem();
            };
        } catch (JsonProcessingException | RuntimeException e) {
            // malformed or incomplete: recorded as processed (the inbox mark commits) so it does not block the partition
            LOG.errorf("skipping unreadable %s %s: %s", event.type(), event.id(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
    }

    public static RequestAssessmentCommand toCommand(AssessmentRequested c) {
        CandidateDto in = c.candidate();
        return new RequestAssessmentCommand(c.commandId(), new CompanyId(c.companyId()), c.assessmentId(), c.jobId(),
                new CandidateInput(in == null ? null : in.email(), in == null ? null : in.firstName(),
                        in == null ? null : in.lastName(), in == null ? null : in.externalId()));
    }

    private static void log(CloudEvent event, String outcome) {
        LOG.infof("%s %s: %s", event.type(), event.id(), outcome);
    }
}
