package com.truffle.access.application.service;

import static com.truffle.access.application.service.InMemoryPorts.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.access.application.port.in.ChangePlanUseCase.ChangePlanCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.DecideCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.Verdict;
import com.truffle.access.application.port.in.RequestAccessUseCase.RequestAccessCommand;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyEntitlement;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Plan;

class ChangePlanServiceTest {

    static final CompanyId ACME = new CompanyId("acme");

    InMemoryPorts ports;
    ChangePlanService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.changePlan();
    }

    CompanyEntitlement plan(Plan plan) {
        return service.changePlan(new ChangePlanCommand(ACME, plan, "staff:sam")).await().indefinitely();
    }

    AccessRequest requestAccess() {
        return ports.requestAccess().requestAccess(new RequestAccessCommand(ACME, "CRM sync", "user:alice")).await().indefinitely()
                .request();
    }

    @Test
    void aNewPlanIsStoredAndPublishedAndTheSamePlanAgainChangesNothing() {
        CompanyEntitlement paid = plan(Plan.PAID);

        assertThat(paid.plan()).isEqualTo(Plan.PAID);
        assertThat(ports.row(ACME).plan()).isEqualTo(Plan.PAID);
        var changed = new AccessEvent.PlanChanged(ACME, Plan.TRIAL, Plan.PAID, "staff:sam", NOW);
        assertThat(ports.published).containsExactly(new InMemoryPorts.Published(changed, Plan.PAID, AccessStatus.NONE));
        assertThat(ports.audited).containsExactly(changed);

        int saves = ports.saves;
        plan(Plan.PAID);
        assertThat(ports.saves).isEqualTo(saves);
        assertThat(ports.published).hasSize(1);
        assertThat(ports.audited).hasSize(1);
    }

    @Test
    void leavingThePaidPlanSuspendsApprovedAccessAndReturningReinstatesIt() {
        plan(Plan.PAID);
        AccessRequest request = requestAccess();
        ports.decide().decide(new DecideCommand(request.id(), Verdict.APPROVE, "staff:sam", null)).await().indefinitely();
        ports.published.clear();

        assertThat(plan(Plan.TRIAL).access()).isEqualTo(AccessStatus.SUSPENDED);
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.SUSPENDED);
        assertThat(ports.published).containsExactly(
                new InMemoryPorts.Published(new AccessEvent.PlanChanged(ACME, Plan.PAID, Plan.TRIAL, "staff:sam", NOW), Plan.TRIAL,
                        AccessStatus.SUSPENDED),
                new InMemoryPorts.Published(new AccessEvent.AccessSuspended(ACME, "Plan changed from PAID to TRIAL", NOW), Plan.TRIAL,
                        AccessStatus.SUSPENDED));
        ports.published.clear();

        assertThat(plan(Plan.PAID).access()).isEqualTo(AccessStatus.APPROVED);
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.APPROVED);
        assertThat(ports.events()).containsExactly(new AccessEvent.PlanChanged(ACME, Plan.TRIAL, Plan.PAID, "staff:sam", NOW),
                new AccessEvent.AccessReinstated(ACME, NOW));
        assertThat(ports.published).allSatisfy(p -> assertThat(p.access()).isEqualTo(AccessStatus.APPROVED));
    }

    @Test
    void aPlanChangeLeavesAPendingRequestPendingAndNeverSuspendsAccessThatWasNotApproved() {
        plan(Plan.PAID);
        AccessRequest request = requestAccess();
        ports.published.clear();

        plan(Plan.TRIAL);

        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.PENDING);
        assertThat(ports.row(ACME).pendingRequestId()).isEqualTo(request.id());
        assertThat(ports.requests.get(request.id()).status()).isEqualTo(AccessStatus.PENDING);
        assertThat(ports.events()).singleElement().isInstanceOf(AccessEvent.PlanChanged.class);
    }
}
