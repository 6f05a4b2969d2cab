package com.truffle.ashby.application.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.CancelAssessmentUseCase;
import com.truffle.ashby.application.port.in.ListAssessmentTypesUseCase;
import com.truffle.ashby.application.port.in.StartAssessmentUseCase;
import com.truffle.ashby.application.port.out.AssessmentPort;
import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.application.port.out.PlanPort;
import com.truffle.ashby.application.port.out.PositionPort;
import com.truffle.ashby.application.port.out.PublishAshbyEventPort;
import com.truffle.ashby.application.port.out.SaveConnectionPort;
import com.truffle.ashby.domain.AshbyConnection;
import com.truffle.ashby.domain.Assessment;
import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.PartnerCallRefused;
import com.truffle.ashby.domain.Plan;
import com.truffle.ashby.domain.Position;
import com.truffle.ashby.domain.Position.AssessmentType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** What Ashby calls: list, start, cancel. Start answers at once; the candidate is invited by screening-service. */
@ApplicationScoped
public class PartnerAssessmentService implements ListAssessmentTypesUseCase, StartAssessmentUseCase, CancelAssessmentUseCase {

    static final String INACTIVE = "The Truffle integration is not active for this Ashby account; a Truffle admin can reconnect it.";
    static final String UNKNOWN_TYPE = "Unknown assessment type: this Truffle position does not exist or is no longer open.";
    static final String ALREADY_BEING_ASSESSED = "The candidate is already being assessed for this position in Truffle;"
            + " a new assessment can start once it is completed or cancelled.";

    @Inject
    PlanPort plans;
    @Inject
    LoadConnectionPort connections;
    @Inject
    SaveConnectionPort saveConnection;
    @Inject
    PositionPort positions;
    @Inject
    AssessmentPort assessments;
    @Inject
    PublishAshbyEventPort events;
    @Inject
    Clock clock;

    @Override
    @WithSession
    public Uni<List<AssessmentType>> assessmentTypes(CompanyId companyId) {
        return requireActive(companyId).chain(() -> positions.openPositions(companyId))
                .map(open -> open.stream().map(Position::asAssessmentType).toList());
    }

    @Override
    @WithTransaction
    public Uni<AssessmentId> start(StartAssessmentCommand command) {
        CompanyId company = command.companyId();
        String key = Assessment.idempotencyKey(command.assessmentTypeId(), command.applicationId(), command.candidate());
        // the connection first, locked: this transaction also records the activity on it
        return connections.lockAndLoad(company).chain(connection -> plans.planOf(company).chain(plan -> {
            requireActive(plan, connection);
            return assessments.findOpen(company, key)
                    .chain(existing -> {
                        if (existing.isPresent()) {
                            throw new PartnerCallRefused(PartnerCallRefused.Reason.ALREADY_BEING_ASSESSED, ALREADY_BEING_ASSESSED);
                        }
                        return requestNew(command);
                    })
                    // a start received is a successful exchange with Ashby: activity on the card
                    .chain(assessment -> {
                        connection.startReceived(clock.instant());
                        return saveConnection.save(connection).replaceWith(assessment.id());
                    });
        }));
    }

    private Uni<Assessment> requestNew(StartAssessmentCommand command) {
        CompanyId company = command.companyId();
        return positions.find(company, command.assessmentTypeId()).chain(position -> {
            if (position.isEmpty() || !position.get().isOpen()) {
                throw new PartnerCallRefused(PartnerCallRefused.Reason.UNKNOWN_ASSESSMENT_TYPE, UNKNOWN_TYPE);
            }
            Assessment.Started started = Assessment.request(company, command.assessmentTypeId(), command.applicationId(),
                    command.candidate(), clock.instant());
            return assessments.insertUnlessOpen(started.assessment()).chain(stored -> {
                if (!stored.created()) {
                    // a concurrent start of the same application won the race
                    throw new PartnerCallRefused(PartnerCallRefused.Reason.ALREADY_BEING_ASSESSED, ALREADY_BEING_ASSESSED);
                }
                return events.publish(List.of(started.event())).replaceWith(stored.assessment());
            });
        });
    }

    @Override
    @WithTransaction
    public Uni<Void> cancel(CancelAssessmentCommand command) {
        CompanyId company = command.companyId();
        var id = AssessmentId.parse(command.assessmentId());
        if (id.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return assessments.lock(company, id.get()).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Assessment assessment = found.get();
            var cancelled = assessment.cancelByAshby(clock.instant());
            if (cancelled.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return assessments.save(assessment).chain(() -> events.publish(List.of(cancelled.get())));
        });
    }

    private Uni<Void> requireActive(CompanyId company) {
        return plans.planOf(company).chain(plan -> connections.load(company).invoke(connection -> requireActive(plan, connection)))
                .replaceWithVoid();
    }

    /** Defence in depth: the gateway already refuses a suspended or revoked partner key. */
    private static void requireActive(Plan plan, AshbyConnection connection) {
        if (plan != Plan.PAID || !connection.status().isActive()) {
            throw new PartnerCallRefused(PartnerCallRefused.Reason.INTEGRATION_INACTIVE, INACTIVE);
        }
    }
}
