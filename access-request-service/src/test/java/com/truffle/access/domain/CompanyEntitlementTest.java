package com.truffle.access.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompanyEntitlementTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final CompanyId ACME = new CompanyId("acme");

    @ParameterizedTest
    @EnumSource(AccessStatus.class)
    void onlyTheDocumentedTransitionsAreLegal(AccessStatus from) {
        EnumSet<AccessStatus> legal = switch (from) {
            case NONE, REJECTED -> EnumSet.of(AccessStatus.PENDING);
            case PENDING -> EnumSet.of(AccessStatus.APPROVED, AccessStatus.REJECTED);
            case APPROVED -> EnumSet.of(AccessStatus.SUSPENDED);
            case SUSPENDED -> EnumSet.of(AccessStatus.APPROVED);
        };
        for (AccessStatus to : AccessStatus.values()) {
            assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(legal.contains(to));
        }
    }

    @Test
    void aTrialCompanyIsToldToUpgrade() {
        CompanyEntitlement trial = CompanyEntitlement.newCompany(ACME);
        assertThatThrownBy(() -> trial.requestAccess("crm", "user:a", NOW))
                .isInstanceOfSatisfying(AccessRuleViolation.class, e -> {
                    assertThat(e.rule()).isEqualTo(AccessRuleViolation.Rule.PAID_PLAN_REQUIRED);
                    assertThat(e.getMessage()).contains("paid plans").contains("Upgrade");
                });
        assertThat(trial.access()).isEqualTo(AccessStatus.NONE);
    }

    @Test
    void aPaidCompanyRequestsOnceAndStaffApprove() {
        CompanyEntitlement e = paid();
        var first = e.requestAccess("crm", "user:a", NOW);
        assertThat(first.created()).isTrue();
        assertThat(first.events()).singleElement().isInstanceOf(AccessEvent.AccessRequested.class);
        var again = e.requestAccess("crm again", "user:a", NOW);
        assertThat(again.created()).isFalse();
        assertThat(again.request().id()).isEqualTo(first.request().id());
        assertThat(again.events()).isEmpty();

        List<AccessEvent> approved = e.approve(first.request().id(), "staff:s", null, NOW);
        assertThat(approved).singleElement().isInstanceOf(AccessEvent.AccessApproved.class);
        assertThat(e.access()).isEqualTo(AccessStatus.APPROVED);
        assertThat(first.request().decision()).hasValueSatisfying(d -> assertThat(d.reviewer()).isEqualTo("staff:s"));
        assertThatThrownBy(() -> e.requestAccess("more", "user:a", NOW)).hasFieldOrPropertyWithValue("rule", AccessRuleViolation.Rule.ALREADY_APPROVED);
        assertThatThrownBy(() -> e.approve(first.request().id(), "staff:s", null, NOW)).hasFieldOrPropertyWithValue("rule", AccessRuleViolation.Rule.NOT_PENDING);
        assertThatThrownBy(() -> e.reject(first.request().id(), "staff:s", "no", NOW)).hasFieldOrPropertyWithValue("rule", AccessRuleViolation.Rule.NOT_PENDING);
    }

    @Test
    void aRejectionNeedsAReasonAndTheCompanyMayAskAgain() {
        CompanyEntitlement e = paid();
        var request = e.requestAccess("crm", "user:a", NOW).request();
        assertThatThrownBy(() -> e.reject(request.id(), "staff:s", " ", NOW)).hasFieldOrPropertyWithValue("rule", AccessRuleViolation.Rule.REASON_REQUIRED);
        assertThat(e.access()).isEqualTo(AccessStatus.PENDING);
        e.reject(request.id(), "staff:s", "Tell us more", NOW);
        assertThat(e.access()).isEqualTo(AccessStatus.REJECTED);
        assertThat(request.decision()).hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("Tell us more"));
        var second = e.requestAccess("crm, explained", "user:a", NOW);
        assertThat(second.created()).isTrue();
        assertThat(second.request().id()).isNotEqualTo(request.id());
    }

    @Test
    void leavingPaidSuspendsAndReturningReinstates() {
        CompanyEntitlement e = approved();
        List<AccessEvent> down = e.changePlan(Plan.TRIAL, "staff:s", NOW);
        assertThat(down).extracting(ev -> ev.getClass().getSimpleName()).containsExactly("PlanChanged", "AccessSuspended");
        assertThat(e.access()).isEqualTo(AccessStatus.SUSPENDED);
        assertThatThrownBy(() -> e.requestAccess("x", "user:a", NOW)).hasFieldOrPropertyWithValue("rule", AccessRuleViolation.Rule.PAID_PLAN_REQUIRED);
        List<AccessEvent> up = e.changePlan(Plan.PAID, "staff:s", NOW);
        assertThat(up).extracting(ev -> ev.getClass().getSimpleName()).containsExactly("PlanChanged", "AccessReinstated");
        assertThat(e.access()).isEqualTo(AccessStatus.APPROVED);
        assertThat(e.changePlan(Plan.PAID, "staff:s", NOW)).as("no change, no event").isEmpty();
    }

    @Test
    void aPendingRequestCannotBeApprovedOnceThePlanIsNoLongerPaid() {
        CompanyEntitlement e = paid();
        var request = e.requestAccess("crm", "user:a", NOW).request();
        e.changePlan(Plan.TRIAL, "staff:s", NOW);
        assertThat(e.access()).isEqualTo(AccessStatus.PENDING);
        assertThatThrownBy(() -> e.approve(request.id(), "staff:s", null, NOW)).hasFieldOrPropertyWithValue("rule", AccessRuleViolation.Rule.PAID_PLAN_REQUIRED);
        e.reject(request.id(), "staff:s", "not paid", NOW);
        assertThat(e.access()).isEqualTo(AccessStatus.REJECTED);
    }

    @Test
    void anUnknownRequestIsNotPending() {
        CompanyEntitlement e = paid();
        e.requestAccess("crm", "user:a", NOW);
        assertThatThrownBy(() -> e.approve(AccessRequestId.random(), "staff:s", null, NOW)).hasFieldOrPropertyWithValue("rule", AccessRuleViolation.Rule.NOT_PENDING);
    }

    @Test
    void companyIdsAreValidated() {
        assertThatThrownBy(() -> new CompanyId("../etc")).isInstanceOf(AccessRuleViolation.class);
        assertThatThrownBy(() -> new CompanyId("")).isInstanceOf(AccessRuleViolation.class);
        assertThat(new CompanyId("acme-2").value()).isEqualTo("acme-2");
    }

    static CompanyEntitlement paid() {
        CompanyEntitlement e = CompanyEntitlement.newCompany(ACME);
        e.changePlan(Plan.PAID, "staff:s", NOW);
        return e;
    }

    static CompanyEntitlement approved() {
        CompanyEntitlement e = paid();
        var r = e.requestAccess("crm", "user:a", NOW).request();
        e.approve(r.id(), "staff:s", null, NOW);
        return e;
    }
}
