package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.InviteCandidateUseCase.Invitation;
import com.truffle.screening.application.port.out.InvitationMailQueuePort;
import com.truffle.screening.application.port.out.LoadScreeningPort;
import com.truffle.screening.application.port.out.PublishScreeningEventPort;
import com.truffle.screening.application.port.out.SaveScreeningPort;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.Screening;
import io.smallrye.mutiny.Uni;

/**
 * Inviting a candidate to a position, shared by the API and the Ashby commands (caller's transaction): one
 * screening per candidate and position, its ScreeningInvited event, and an invitation mail queued to be sent.
 */
@ApplicationScoped
class Invitations {

    @Inject
    LoadScreeningPort load;
    @Inject
    SaveScreeningPort save;
    @Inject
    PublishScreeningEventPort events;
    @Inject
    InvitationMailQueuePort mails;
    @Inject
    HiringPolicy policy;
    @Inject
    Clock clock;

    Uni<Invitation> invite(Candidate candidate, Job job, String sourceRef) {
        Instant now = clock.instant();
        job.requireOpen();
        return load.byCandidateAndJob(job.companyId(), candidate.id(), job.id()).chain(existing -> {
            if (existing.isPresent() && !existing.get().isNewRequestAfterFinishing(sourceRef)) {
                Screening screening = existing.get();
                boolean mail = screening.reinvite(sourceRef, now, policy.invitationValidity());
                Uni<Void> queued = mail ? mails.enqueue(screening.id(), screening.companyId(), now) : Uni.createFrom().voidItem();
                return save.save(screening).chain(() -> queued).replaceWith(new Invitation(screening, false));
            }
            Screening screening = Screening.invite(candidate, job, sourceRef, now, policy.invitationValidity());
            return save.save(screening)
                    .chain(() -> events.publish(List.of(screening.invited())))
                    .chain(() -> mails.enqueue(screening.id(), screening.companyId(), now))
                    .replaceWith(new Invitation(screening, true));
        });
    }
}
