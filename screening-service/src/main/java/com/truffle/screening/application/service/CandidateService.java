package com.truffle.screening.application.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.AddCandidateUseCase;
import com.truffle.screening.application.port.in.UpdateCandidateUseCase;
import com.truffle.screening.application.port.out.LoadCandidatePort;
import com.truffle.screening.application.port.out.PublishScreeningEventPort;
import com.truffle.screening.application.port.out.SaveCandidatePort;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CandidateService implements AddCandidateUseCase, UpdateCandidateUseCase {

    @Inject
    LoadCandidatePort load;
    @Inject
    SaveCandidatePort save;
    @Inject
    PublishScreeningEventPort events;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<Candidate> add(AddCandidateCommand command) {
        Candidate candidate = Candidate.add(command.companyId(), command.firstName(), command.lastName(), command.email(),
                command.phone(), null, clock.instant());
        return refuseTakenEmail(candidate)
                .chain(() -> save.save(candidate))
                .chain(() -> events.publish(List.of(candidate.added())))
                .replaceWith(candidate);
    }

    @Override
    @WithTransaction
    public Uni<Candidate> update(UpdateCandidateCommand command) {
        return load.load(command.companyId(), command.candidateId())
                .map(found -> found.orElseThrow(() -> ScreeningRuleViolation.notFound("candidate", command.candidateId())))
                .chain(candidate -> {
                    var updated = candidate.update(command.firstName(), command.lastName(), command.email(), command.phone(),
                            clock.instant());
                    if (updated == null) {
                        return Uni.createFrom().item(candidate);
                    }
                    return refuseTakenEmail(candidate)
                            .chain(() -> save.save(candidate))
                            .chain(() -> events.publish(List.of(updated)))
                            .replaceWith(candidate);
                });
    }

    /** A friendly answer first; the unique constraint still decides a race (the adapter maps it the same way). */
    private Uni<Void> refuseTakenEmail(Candidate candidate) {
        return load.byEmail(candidate.companyId(), candidate.email()).invoke(other -> {
            if (other.isPresent() && !other.get().id().equals(candidate.id())) {
                throw CandidateEmails.taken(other.get());
            }
        }).replaceWithVoid();
    }
}
