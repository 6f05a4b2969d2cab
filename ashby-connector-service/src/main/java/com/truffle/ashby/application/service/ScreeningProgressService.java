package com.truffle.ashby.application.service;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.ashby.application.port.in.TrackScreeningUseCase;
import com.truffle.ashby.application.port.out.AssessmentPort;
import com.truffle.ashby.application.port.out.DeliveryQueuePort;
import com.truffle.ashby.application.port.out.LoadConnectionPort;
import com.truffle.ashby.domain.Assessment;
import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.AssessmentUpdate;
import com.truffle.ashby.domain.ProfileLinks;
import com.truffle.ashby.domain.ScreeningResult;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Screening events become updates in the delivery outbox, in the same transaction as the assessment's new state, so
 * an update is never lost nor made twice. Screenings Ashby did not start (no matching assessment) are ignored.
 */
@ApplicationScoped
public class ScreeningProgressService implements TrackScreeningUseCase {

    private static final Logger LOG = Logger.getLogger(ScreeningProgressService.class);

    @Inject
    AssessmentPort assessments;
    @Inject
    LoadConnectionPort connections;
    @Inject
    DeliveryQueuePort deliveries;
    @Inject
    ProfileLinks links;

    @Override
    @WithTransaction
    public Uni<Void> invited(ScreeningRef screening) {
        return withAssessment(screening, a -> {
            a.invited(screening.screeningId());
            return Optional.empty();
        });
    }

    @Override
    @WithTransaction
    public Uni<Void> started(ScreeningRef screening, Instant startedAt) {
        return withAssessment(screening, a -> a.started(screening.screeningId(), startedAt, links));
    }

    @Override
    @WithTransaction
    public Uni<Void> completed(ScreeningRef screening, ScreeningResult result) {
        return withAssessment(screening, a -> a.completed(screening.screeningId(), result, links));
    }

    @Override
    @WithTransaction
    public Uni<Void> cancelled(ScreeningRef screening, String reason, Instant at) {
        return withAssessment(screening, a -> a.screeningCancelled(screening.screeningId(), reason, at));
    }

    private Uni<Void> withAssessment(ScreeningRef screening, Function<Assessment, Optional<AssessmentUpdate>> change) {
        return find(screening).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Assessment assessment = found.get();
            Optional<AssessmentUpdate> update = change.apply(assessment);
            return assessments.save(assessment).chain(() -> update.isEmpty() ? Uni.createFrom().voidItem()
                    : connections.load(assessment.companyId()).chain(connection -> {
                        if (!connection.status().isActive()) {
                            LOG.infof("assessment %s: not sent to Ashby, the company is %s", assessment.id(), connection.status());
                            return Uni.createFrom().voidItem();
                        }
                        return deliveries.enqueue(assessment.companyId(), update.get());
                    }));
        });
    }

    /** By source_ref (our assessment id), else by the screening id learnt from ScreeningInvited. */
    private Uni<Optional<Assessment>> find(ScreeningRef screening) {
        Optional<AssessmentId> id = AssessmentId.parse(screening.sourceRef());
        Uni<Optional<Assessment>> bySource = id.isPresent() ? assessments.lock(screening.companyId(), id.get())
                : Uni.createFrom().item(Optional.empty());
        return bySource.chain(found -> found.isPresent() || screening.screeningId() == null ? Uni.createFrom().item(found)
                : assessments.lockByScreening(screening.companyId(), screening.screeningId()));
    }
}
