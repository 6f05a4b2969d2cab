package com.truffle.access.application.service;

import static com.truffle.access.application.service.InMemoryPorts.NOW;
import static com.truffle.access.application.service.InMemoryPorts.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.access.application.port.in.ChangePlanUseCase.ChangePlanCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.DecideCommand;
import com.truffle.access.application.port.in.DecideAccessRequestUseCase.Verdict;
import com.truffle.access.application.port.in.RequestAccessUseCase.RequestAccessCommand;
import com.truffle.access.domain.AccessEvent;
import com.truffle.access.domain.AccessRuleViolation.Rule;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyEntitlement.RequestOutcome;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Plan;

class RequestAccessServiceTest {

    static final CompanyId ACME = new CompanyId("acme");

    InMemoryPorts ports;
    RequestAccessService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.requestAccess();
    }

    RequestOutcome request(String useCase) {
        return service.requestAccess(new RequestAccessCommand(ACME, useCase, "user:alice")).await().indefinitely();
    }

    void plan(Plan plan) {
        ports.changePlan().changePlan(new ChangePlanCommand(ACME, plan, "staff:sam")).await().indefinitely();
        ports.published.clear();
    }

    @Test
    void aCompanyNotOnAPaidPlanIsRefusedAndNothingIsStoredOrPublished() {
        assertThat(refusal(() -> request("CRM sync"))).isEqualTo(Rule.PAID_PLAN_REQUIRED);
        assertThat(ports.saves).isZero();
        assertThat(ports.requests).isEmpty();
        assertThat(ports.published).isEmpty();
        assertThat(ports.audited).isEmpty();

        plan(Plan.PAID);
        plan(Plan.TRIAL);
        assertThat(refusal(() -> request("CRM sync"))).as("a company that left the paid plan").isEqualTo(Rule.PAID_PLAN_REQUIRED);
        assertThat(ports.requests).isEmpty();
    }

    @Test
    void aPaidCompanysRequestIsStoredPendingAuditedAndPublishedWithTheNewState() {
        plan(Plan.PAID);
        RequestOutcome outcome = request("CRM sync");

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.request().status()).isEqualTo(AccessStatus.PENDING);
        assertThat(ports.requests).containsOnlyKeys(outcome.request().id());
        assertThat(ports.requests.get(outcome.request().id()).useCase()).isEqualTo("CRM sync");
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.PENDING);
        assertThat(ports.row(ACME).pendingRequestId()).isEqualTo(outcome.request().id());

        var requested = new AccessEvent.AccessRequested(ACME, outcome.request().id(), "CRM sync", "user:alice", NOW);
        assertThat(ports.published).containsExactly(new InMemoryPorts.Published(requested, Plan.PAID, AccessStatus.PENDING));
        assertThat(ports.audited).endsWith(requested);
    }

    @Test
    void askingAgainWhileARequestIsPendingReturnsThatRequestAndChangesNothing() {
        plan(Plan.PAID);
        RequestOutcome first = request("CRM sync");
        int savesAfterFirst = ports.saves;

        RequestOutcome again = request("CRM sync, clicked twice");

        assertThat(again.created()).isFalse();
        assertThat(again.request().id()).isEqualTo(first.request().id());
        assertThat(again.request().useCase()).isEqualTo("CRM sync");
        assertThat(again.events()).isEmpty();
        assertThat(ports.requests).hasSize(1);
        assertThat(ports.saves).isEqualTo(savesAfterFirst);
        assertThat(ports.published).hasSize(1);
    }

    @Test
    void anApprovedCompanyCannotAskAgainButARejectedOneMay() {
        plan(Plan.PAID);
        var rejected = request("CRM sync").request();
        ports.decide().decide(new DecideCommand(rejected.id(), Verdict.REJECT, "staff:sam", "Tell us more")).await().indefinitely();

        RequestOutcome second = request("CRM sync: nightly export of screenings");
        assertThat(second.created()).isTrue();
        assertThat(second.request().id()).isNotEqualTo(rejected.id());
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.PENDING);
        assertThat(ports.requests.get(rejected.id()).status()).as("the old request keeps its decision").isEqualTo(AccessStatus.REJECTED);

        ports.decide().decide(new DecideCommand(second.request().id(), Verdict.APPROVE, "staff:sam", null)).await().indefinitely();
        int published = ports.published.size();
        assertThat(refusal(() -> request("more"))).isEqualTo(Rule.ALREADY_APPROVED);
        assertThat(ports.published).hasSize(published);
        assertThat(ports.requests).hasSize(2);
    }
}
