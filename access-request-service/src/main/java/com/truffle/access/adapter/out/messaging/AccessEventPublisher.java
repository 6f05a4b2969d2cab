package com.truffle.access.adapter.out.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.access.application.port.out.PublishAccessEventPort;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.platform.outbox.Outbox;
import com.truffle.platform.outbox.OutboxEvent;
import io.smallrye.mutiny.Uni;

/**
 * Access events go to truffle.access.v1, keyed by company id (one company's events stay in order),
 * through the outbox. Schemas and samples: src/main/resources/events/.
 */
@ApplicationScoped
class AccessEventPublisher implements PublishAccessEventPort {

    static final String TOPIC = "truffle.access.v1";

    @Inject
    Outbox outbox;

    @Override
    public Uni<Void> publish(CompanyEntitlement state, List<AccessEvent> events) {
        return outbox.appendAll(events.stream()
                .map(e -> OutboxEvent.of(TOPIC, e.companyId().value(), AccessEventPayload.typeOf(e), AccessEventPayload.of(state, e), e.occurredAt()))
                .toList());
    }
}
