package com.truffle.keys.adapter.in.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.keys.application.port.in.ApplyAccessChangeUseCase;
import com.truffle.keys.domain.CompanyAccess;
import com.truffle.keys.domain.CompanyId;
import com.truffle.platform.inbox.CloudEvent;
import com.truffle.platform.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * access-request-service's events (truffle.access.v1): every one carries the company's plan and access status
 * after it, so the read model is simply the latest, and keys are suspended/reinstated to match.
 */
@ApplicationScoped
public class AccessEventConsumer {

    static final String CONSUMER = "key-service.access-events";
    private static final Logger LOG = Logger.getLogger(AccessEventConsumer.class);

    @Inject
    IdempotentConsumer idempotent;
    @Inject
    ApplyAccessChangeUseCase applyAccessChange;
    @Inject
    ObjectMapper mapper;

    /** The fields key-service needs; anything else in the event is ignored (tolerant reader). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccessEventData(String companyId, String plan, String accessStatus, java.time.Instant occurredAt) {
    }

    @Incoming("access-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return idempotent.once(CONSUMER, record, this::handle);
    }

    Uni<Void> handle(CloudEvent event) {
        AccessEventData data = parse(event.data());
        if (data.companyId() == null || data.plan() == null || data.accessStatus() == null) {
            LOG.warnf("ignoring %s %s: it lacks company_id, plan or access_status", event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        return applyAccessChange.apply(new CompanyAccess(new CompanyId(data.companyId()), data.plan(), data.accessStatus(),
                data.occurredAt()),
                event.type() + ":" + event.id());
    }

    AccessEventData parse(String json) {
        try {
            return mapper.readValue(json, AccessEventData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an access event: " + e.getOriginalMessage(), e);
        }
    }
}
