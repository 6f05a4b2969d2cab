package com.truffle.ashby.adapter.in.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.application.port.in.RecordPositionUseCase;
import com.truffle.ashby.application.port.in.TrackScreeningUseCase;
import com.truffle.ashby.application.port.in.TrackScreeningUseCase.ScreeningRef;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Position;
import com.truffle.ashby.domain.ScreeningResult;
import com.truffle.platform.inbox.CloudEvent;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * truffle.screening.v1 (screening-service): positions feed assessment.list; screenings of assessments Ashby started
 * (source_ref = our assessment id) become updates for Ashby. Idempotent on ce_id; other types are ignored.
 */
@ApplicationScoped
public class ScreeningEventConsumer {

    static final String CONSUMER = "ashby-connector.screening";
    private static final Logger LOG = Logger.getLogger(ScreeningEventConsumer.class);

    /** One tolerant reader for every screening-service event type (docs/contracts.md); all members optional. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ScreeningEvent(String companyId, String jobId, String title, String description, String status,
            Integer questionCount, String screeningId, String candidateId, String sourceRef, Instant startedAt,
            Instant completedAt, Number score, List<QuestionScore> scores, Number durationSeconds, String reason,
            Instant occurredAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record QuestionScore(String questionId, String prompt, Number score) {
    }

    /** What a screening event means to the connector. */
    sealed interface Decoded {
        record PositionNews(Position position) implements Decoded {
        }

        record Invited(ScreeningRef screening) implements Decoded {
        }

        record Started(ScreeningRef screening, Instant startedAt) implements Decoded {
        }

        record Completed(ScreeningRef screening, ScreeningResult result) implements Decoded {
        }

        record Cancelled(ScreeningRef screening, String reason, Instant at) implements Decoded {
        }

        /** Not ours to follow (CandidateAdded, future types) or unreadable: acknowledged and skipped. */
        record Ignored(String why) implements Decoded {
        }
    }

    @Inject
    ReliableInbox inbox;
    @Inject
    RecordPositionUseCase positions;
    @Inject
    TrackScreeningUseCase screenings;
    @Inject
    ObjectMapper mapper;

    @Incoming("screening-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.take(CONSUMER, record, this::handle);
    }

    Uni<Void> handle(CloudEvent event) {
        Decoded decoded = decode(event.type(), event.data(), event.time(), mapper);
        if (decoded instanceof Decoded.PositionNews p) {
            return positions.record(p.position());
        } else if (decoded instanceof Decoded.Invited i) {
            return screenings.invited(i.screening());
        } else if (decoded instanceof Decoded.Started s) {
            return screenings.started(s.screening(), s.startedAt());
        } else if (decoded instanceof Decoded.Completed c) {
            return screenings.completed(c.screening(), c.result());
        } else if (decoded instanceof Decoded.Cancelled c) {
            return screenings.cancelled(c.screening(), c.reason(), c.at());
        }
        Decoded.Ignored ignored = (Decoded.Ignored) decoded;
        if (ignored.why() != null) {
            LOG.warnf("%s: skipping %s %s: %s", CONSUMER, event.type(), event.id(), ignored.why());
        }
        return Uni.createFrom().voidItem();
    }

    static Decoded decode(String type, String json, Instant ceTime, ObjectMapper mapper) {
        if (type == null || !type.startsWith("Position") && !type.startsWith("Screening")) {
            return new Decoded.Ignored(null);
        }
        try {
            ScreeningEvent e = mapper.readValue(json, ScreeningEvent.class);
            CompanyId company = new CompanyId(required(e.companyId(), "company_id"));
            Instant at = e.occurredAt() != null ? e.occurredAt() : ceTime != null ? ceTime : Instant.now();
            ScreeningRef ref = new ScreeningRef(company, e.screeningId(), e.sourceRef());
            return switch (type) {
                case "PositionPublished", "PositionUpdated" -> new Decoded.PositionNews(new Position(company, required(e.jobId(), "job_id"),
                        e.title(), e.description(), "OPEN".equals(e.status()) ? Position.PositionStatus.OPEN : Position.PositionStatus.CLOSED,
                        e.questionCount() == null ? 0 : e.questionCount(), at));
                case "ScreeningInvited" -> new Decoded.Invited(ref);
                case "ScreeningStarted" -> new Decoded.Started(ref, e.startedAt() != null ? e.startedAt() : at);
                case "ScreeningCompleted" -> new Decoded.Completed(ref, result(e, at));
                case "ScreeningCancelled" -> new Decoded.Cancelled(ref, e.reason(), at);
                default -> new Decoded.Ignored(null);
            };
        } catch (Exception unreadable) {
            return new Decoded.Ignored(unreadable.getMessage());
        }
    }

    private static ScreeningResult result(ScreeningEvent e, Instant at) {
        List<ScreeningResult.QuestionScore> scores = e.scores() == null ? List.of()
                : e.scores().stream().map(q -> new ScreeningResult.QuestionScore(q.questionId(), q.prompt(), q.score())).toList();
        return new ScreeningResult(required(e.score(), "score"), scores, e.startedAt(),
                e.completedAt() != null ? e.completedAt() : at, e.durationSeconds() == null ? null : e.durationSeconds().longValue());
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
