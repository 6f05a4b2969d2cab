package com.truffle.ashby.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.ashby.application.port.in.CancelAssessmentUseCase.CancelAssessmentCommand;
import com.truffle.ashby.application.port.in.StartAssessmentUseCase.StartAssessmentCommand;
import com.truffle.ashby.application.port.in.TrackScreeningUseCase.ScreeningRef;
import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.AshbyEvent;
import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.Candidate;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.PartnerCallRefused;
import com.truffle.ashby.domain.PartnerKey;
import com.truffle.ashby.domain.Plan;
import com.truffle.ashby.domain.Position;
import com.truffle.ashby.domain.ProfileLinks;
import com.truffle.ashby.domain.SealedAshbyKey;

class PartnerAssessmentServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Candidate ADA = new Candidate("ada@example.com", "Ada", "Lovelace", "c-1");

    InMemoryPorts ports;
    PartnerAssessmentService partner;
    ScreeningProgressService progress;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        partner = new PartnerAssessmentService();
        partner.plans = ports;
        partner.connections = ports;
        partner.saveConnection = ports;
        partner.positions = ports;
        partner.assessments = ports;
        partner.events = ports;
        partner.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        progress = new ScreeningProgressService();
        progress.assessments = ports;
        progress.connections = ports;
        progress.deliveries = ports;
        progress.links = new ProfileLinks("https://truffle.example");

        ports.plans.put(ACME, Plan.PAID);
        AshbyConnection c = AshbyConnection.notConnected(ACME);
        c.connect(new SealedAshbyKey(new byte[] {1}), new PartnerKey("pk", "s"), NOW);
        ports.connections.put(ACME, c);
        ports.record(new Position(ACME, "job-1", "Backend", null, Position.PositionStatus.OPEN, 3, NOW));
        ports.record(new Position(ACME, "job-closed", "Old", null, Position.PositionStatus.CLOSED, 3, NOW));
    }

    @Test
    void aSecondStartWhileTheAssessmentIsInFlightIsRefusedAndAskedForOnce() {
        partner.start(new StartAssessmentCommand(ACME, "job-1", "app-1", ADA)).await().indefinitely();
        assertThatThrownBy(() -> partner.start(new StartAssessmentCommand(ACME, "job-1", "app-1", ADA)).await().indefinitely())
                .isInstanceOfSatisfying(PartnerCallRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(PartnerCallRefused.Reason.ALREADY_BEING_ASSESSED));
        assertThat(ports.published).hasSize(1).first().isInstanceOf(AshbyEvent.AssessmentRequested.class);
        assertThat(ports.connections.get(ACME).lastActivityAt()).isEqualTo(NOW);
    }

    @Test
    void unknownOrClosedTypesAndMissingEmailsAreRefusedForTheAshbyUser() {
        assertThatThrownBy(() -> partner.start(new StartAssessmentCommand(ACME, "job-x", "a", ADA)).await().indefinitely())
                .isInstanceOfSatisfying(PartnerCallRefused.class, e -> assertThat(e.reason()).isEqualTo(PartnerCallRefused.Reason.UNKNOWN_ASSESSMENT_TYPE));
        assertThatThrownBy(() -> partner.start(new StartAssessmentCommand(ACME, "job-closed", "a", ADA)).await().indefinitely())
                .isInstanceOf(PartnerCallRefused.class);
        assertThatThrownBy(() -> new StartAssessmentCommand(ACME, "job-1", "a", null))
                .isInstanceOfSatisfying(PartnerCallRefused.class, e -> assertThat(e.getMessage()).contains("email"));
        assertThatThrownBy(() -> new StartAssessmentCommand(ACME, " ", "a", ADA)).isInstanceOf(PartnerCallRefused.class);
        ports.plans.put(ACME, Plan.TRIAL);
        assertThatThrownBy(() -> partner.start(new StartAssessmentCommand(ACME, "job-1", "a", ADA)).await().indefinitely())
                .isInstanceOfSatisfying(PartnerCallRefused.class, e -> assertThat(e.reason()).isEqualTo(PartnerCallRefused.Reason.INTEGRATION_INACTIVE));
        assertThat(ports.published).isEmpty();
    }

    @Test
    void screeningProgressIsQueuedForAshbyOnlyWhileConnected() {
        AssessmentId id = partner.start(new StartAssessmentCommand(ACME, "job-1", "app-1", ADA)).await().indefinitely();
        ScreeningRef ref = new ScreeningRef(ACME, "scr-1", id.toString());
        progress.invited(ref).await().indefinitely();
        progress.started(new ScreeningRef(ACME, "scr-1", null), NOW.plusSeconds(5)).await().indefinitely();
        assertThat(ports.queued).hasSize(1);
        assertThat(ports.queued.get(0).assessmentProfileUrl().value()).isEqualTo("https://truffle.example/screenings/scr-1");

        ports.connections.get(ACME).disconnect(NOW);
        progress.cancelled(ref, "withdrawn", NOW.plusSeconds(9)).await().indefinitely();
        assertThat(ports.queued).as("results stop after a disconnect").hasSize(1);

        partner.cancel(new CancelAssessmentCommand(ACME, "garbage")).await().indefinitely();
        partner.cancel(new CancelAssessmentCommand(new CompanyId("globex"), id.toString())).await().indefinitely();
        assertThat(ports.published).hasSize(1);
    }
}
