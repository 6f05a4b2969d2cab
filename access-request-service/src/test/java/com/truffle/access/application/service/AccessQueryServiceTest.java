package com.truffle.access.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.access.application.port.in.ChangePlanUseCase.ChangePlanCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.DecideCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.Verdict;
import com.truffle.access.application.port.in.RequestAccessUseCase.RequestAccessCommand;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.AuditEntry;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Plan;

class AccessQueryServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CompanyId GLOBEX = new CompanyId("globex");

    InMemoryPorts ports;
    AccessQueryService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.query();
    }

    AccessRequest request(CompanyId company, String useCase) {
        ports.changePlan().changePlan(new ChangePlanCommand(company, Plan.PAID, "staff:sam")).await().indefinitely();
        return ports.requestAccess().requestAccess(new RequestAccessCommand(company, useCase, "user:" + company)).await().indefinitely()
                .request();
    }

    @Test
    void anUnknownCompanyIsATrialWithoutAccess() {
        var entitlement = service.entitlement(ACME).await().indefinitely();
        assertThat(entitlement.plan()).isEqualTo(Plan.TRIAL);
        assertThat(entitlement.access()).isEqualTo(AccessStatus.NONE);
        assertThat(entitlement.pending()).isEmpty();
        assertThat(service.history(ACME).await().indefinitely()).isEmpty();
    }

    @Test
    void aCompanySeesItsOwnRequestsWithTheirDecisionsAndItsHistoryInWords() {
        AccessRequest first = request(ACME, "CRM sync");
        ports.decide().decide(new DecideCommand(first.id(), Verdict.REJECT, "staff:sam", "Tell us more")).await().indefinitely();
        AccessRequest second = request(ACME, "CRM sync, explained");
        request(GLOBEX, "ATS export");

        assertThat(service.requestsOf(ACME).await().indefinitely()).extracting(AccessRequest::id, AccessRequest::status)
                .containsExactlyInAnyOrder(tuple(first.id(), AccessStatus.REJECTED),
                        tuple(second.id(), AccessStatus.PENDING));
        assertThat(service.request(first.id()).await().indefinitely()).hasValueSatisfying(
                r -> assertThat(r.decision()).hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("Tell us more")));
        assertThat(service.entitlement(ACME).await().indefinitely().pending()).map(AccessRequest::id).contains(second.id());

        assertThat(service.history(ACME).await().indefinitely()).extracting(AuditEntry::eventType, AuditEntry::actor)
                .containsExactly(tuple("PlanChanged", "staff:sam"),
                        tuple("AccessRequested", "user:acme"),
                        tuple("AccessRejected", "staff:sam"),
                        tuple("AccessRequested", "user:acme"));
        assertThat(service.history(ACME).await().indefinitely().get(2).detail()).endsWith(": Tell us more");
    }
}
