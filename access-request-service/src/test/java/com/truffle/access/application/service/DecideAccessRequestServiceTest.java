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
import com.truffle.access.domain.AccessRequest;
import com.truffle.access.domain.AccessRequestId;
import com.truffle.access.domain.AccessRuleViolation.Rule;
import com.truffle.access.domain.AccessStatus;
import com.truffle.access.domain.CompanyId;
import com.truffle.access.domain.Decision;
import com.truffle.access.domain.Plan;

class DecideAccessRequestServiceTest {

    static final CompanyId ACME = new CompanyId("acme");

    InMemoryPorts ports;
    DecideAccessRequestService service;
    AccessRequest pending;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.decide();
        plan(Plan.PAID);
        pending = ports.requestAccess().requestAccess(new RequestAccessCommand(ACME, "CRM sync", "user:alice")).await().indefinitely()
                .request();
        ports.published.clear();
        ports.audited.clear();
    }

    void plan(Plan plan) {
        ports.changePlan().changePlan(new ChangePlanCommand(ACME, plan, "staff:sam")).await().indefinitely();
    }

    AccessRequest decide(AccessRequestId id, Verdict verdict, String reason) {
        return service.decide(new DecideCommand(id, verdict, "staff:sam", reason)).await().indefinitely();
    }

    @Test
    void approvingRecordsTheDecisionOnTheRequestApprovesTheCompanyAndPublishesIt() {
        AccessRequest approved = decide(pending.id(), Verdict.APPROVE, "  Looks fine ");

        Decision decision = new Decision(AccessStatus.APPROVED, "staff:sam", NOW, "Looks fine");
        assertThat(approved.status()).isEqualTo(AccessStatus.APPROVED);
        assertThat(approved.decision()).contains(decision);
        assertThat(ports.requests.get(pending.id()).decision()).as("stored with the request").contains(decision);
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.APPROVED);
        assertThat(ports.row(ACME).pendingRequestId()).isNull();

        var event = new AccessEvent.AccessApproved(ACME, pending.id(), "staff:sam", "Looks fine", NOW);
        assertThat(ports.published).containsExactly(new InMemoryPorts.Published(event, Plan.PAID, AccessStatus.APPROVED));
        assertThat(ports.audited).containsExactly(event);
    }

    @Test
    void anApprovalWithoutAReasonHasNone() {
        assertThat(decide(pending.id(), Verdict.APPROVE, " ").decision()).hasValueSatisfying(d -> assertThat(d.reason()).isNull());
        assertThat(ports.events()).singleElement().isInstanceOfSatisfying(AccessEvent.AccessApproved.class,
                e -> assertThat(e.reason()).isNull());
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgain() {
        decide(pending.id(), Verdict.APPROVE, null);

        assertThat(refusal(() -> decide(pending.id(), Verdict.APPROVE, null))).as("approving twice").isEqualTo(Rule.NOT_PENDING);
        assertThat(refusal(() -> decide(pending.id(), Verdict.REJECT, "changed my mind"))).isEqualTo(Rule.NOT_PENDING);
        assertThat(ports.events()).hasSize(1);
        assertThat(ports.requests.get(pending.id()).status()).isEqualTo(AccessStatus.APPROVED);
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.APPROVED);
    }

    @Test
    void aRejectionNeedsAReasonTheCompanyCanRead() {
        assertThat(refusal(() -> decide(pending.id(), Verdict.REJECT, "  "))).isEqualTo(Rule.REASON_REQUIRED);
        assertThat(refusal(() -> decide(pending.id(), Verdict.REJECT, null))).isEqualTo(Rule.REASON_REQUIRED);
        assertThat(ports.requests.get(pending.id()).status()).isEqualTo(AccessStatus.PENDING);
        assertThat(ports.published).isEmpty();

        AccessRequest rejected = decide(pending.id(), Verdict.REJECT, " Tell us what you will build ");
        assertThat(rejected.decision()).contains(new Decision(AccessStatus.REJECTED, "staff:sam", NOW, "Tell us what you will build"));
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.REJECTED);
        var event = new AccessEvent.AccessRejected(ACME, pending.id(), "staff:sam", "Tell us what you will build", NOW);
        assertThat(ports.published).containsExactly(new InMemoryPorts.Published(event, Plan.PAID, AccessStatus.REJECTED));

        assertThat(refusal(() -> decide(pending.id(), Verdict.APPROVE, null))).as("a rejected request stays rejected")
                .isEqualTo(Rule.NOT_PENDING);
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.REJECTED);
    }

    @Test
    void aPendingRequestOfACompanyThatLeftThePaidPlanCanOnlyBeRejected() {
        plan(Plan.TRIAL);
        ports.published.clear();

        assertThat(refusal(() -> decide(pending.id(), Verdict.APPROVE, null))).isEqualTo(Rule.PAID_PLAN_REQUIRED);
        assertThat(ports.row(ACME).access()).isEqualTo(AccessStatus.PENDING);
        assertThat(ports.published).isEmpty();

        decide(pending.id(), Verdict.REJECT, "Not on a paid plan");
        assertThat(ports.published).singleElement().satisfies(p -> {
            assertThat(p.event()).isInstanceOf(AccessEvent.AccessRejected.class);
            assertThat(p.plan()).isEqualTo(Plan.TRIAL);
        });
    }

    @Test
    void anUnknownRequestIsNotFound() {
        assertThat(refusal(() -> decide(AccessRequestId.random(), Verdict.APPROVE, null))).isEqualTo(Rule.NOT_FOUND);
        assertThat(ports.published).isEmpty();
    }
}
