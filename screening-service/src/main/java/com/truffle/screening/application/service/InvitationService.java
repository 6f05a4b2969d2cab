package com.truffle.screening.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.InviteCandidateUseCase;
import com.truffle.screening.application.port.out.LoadCandidatePort;
import com.truffle.screening.application.port.out.LoadJobPort;
import com.truffle.screening.domain.ScreeningRuleViolation;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class InvitationService implements InviteCandidateUseCase {

    @Inject
    LoadCandidatePort candidates;
    @Inject
    LoadJobPort jobs;
    @Inject
    Invitations invitations;

    @Override
    @WithTransaction
    public Uni<Invitation> invite(InviteCandidateCommand command) {
        return candidates.load(command.companyId(), command.candidateId())
                .map(found -> found.orElseThrow(() -> ScreeningRuleViolation.notFound("candidate", command.candidateId())))
                .chain(candidate -> jobs.load(command.companyId(), command.jobId())
                        .map(found -> found.orElseThrow(() -> ScreeningRuleViolation.invalid("job_id",
                                "no position " + command.jobId() + " in this company")))
                        .chain(job -> invitations.invite(candidate, job, null)));
    }
}
