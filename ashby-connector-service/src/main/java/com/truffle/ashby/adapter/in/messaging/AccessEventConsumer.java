package com.truffle.ashby.adapter.in.messaging;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.ashby.application.port.in.RecordPlanUseCase;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.Plan;
import com.truffle.platform.inbox.CloudEvent;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * truffle.access.v1 (access-request-service): every event carries the company's plan after it, so the plan read model
 * is simply the newest event's plan. Idempotent on ce_id.
 */
@ApplicationScoped
public class AccessEventConsumer {

    static final String CONSUMER = "ashby-connector.access";
    private static final Logger LOG = Logger.getLogger(AccessEventConsumer.class);

    /** What we read of any access event; everything else is ignored (tolerant reader). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccessEvent(String companyId, String plan, String accessStatus, Instant occurredAt) {
    }

    /** The company's plan as of {@code at}. */
    record PlanFact(CompanyId companyId, Plan plan, Instant at) {
    }

    @Inject
    ReliableInbox inbox;
    @Inject
    RecordPlanUseCase plans;
    @Inject
    ObjectMapper mapper;

    @Incoming("access-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.take(CONSUMER, record, this::handle);
    }

    Uni<Void> handle(CloudEvent event) {
        Optional<PlanFact> fact = decode(event.data(), event.time(), mapper);
        if (fact.isEmpty()) {
            LOG.warnf("%s: skipping unreadable %s %s", CONSUMER, event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        return plans.planIs(fact.get().companyId(), fact.get().plan(), fact.get().at());
    }

    static Optional<PlanFact> decode(String json, Instant ceTime, ObjectMapper mapper) {
        try {
            AccessEvent e = mapper.readValue(json, AccessEvent.class);
            Instant at = e.occurredAt() != null ? e.occurredAt() : ceTime != null ? ceTime : Instant.now();
            return Optional.of(new PlanFact(new CompanyId(e.companyId()), Plan.valueOf(e.plan()), at));
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
