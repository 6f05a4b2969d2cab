package com.truffle.access.adapter.out.messaging;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.CompanyEntitlement;

/**
 * The wire form of every access event (snake_case JSON). Besides what happened, each event carries the
 * company's plan and access status after the command, so a consumer's read model is simply the latest event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AccessEventPayload(String companyId, String plan, String accessStatus, String requestId, String useCase,
        String actor, String reason, String fromPlan, String toPlan, Instant occurredAt) {

    static String typeOf(AccessEvent event) {
        return event.getClass().getSimpleName();
    }

    static AccessEventPayload of(CompanyEntitlement state, AccessEvent event) {
        String company = event.companyId().value();
        String plan = state.plan().name();
        String access = state.access().name();
        if (event instanceof AccessEvent.PlanChanged e) {
            return new AccessEventPayload(company, plan, access, null, null, e.changedBy(), null, e.from().name(), e.to().name(), e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessRequested e) {
            return new AccessEventPayload(company, plan, access, e.requestId().toString(), e.useCase(), e.requestedBy(), null, null, null, e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessApproved e) {
            return new AccessEventPayload(company, plan, access, e.requestId().toString(), null, e.reviewer(), e.reason(), null, null, e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessRejected e) {
            return new AccessEventPayload(company, plan, access, e.requestId().toString(), null, e.reviewer(), e.reason(), null, null, e.occurredAt());
        }
        if (event instanceof AccessEvent.AccessSuspended e) {
            return new AccessEventPayload(company, plan, access, null, null, null, e.reason(), null, null, e.occurredAt());
        }
        return new AccessEventPayload(company, plan, access, null, null, null, null, null, null, event.occurredAt());
    }
}
