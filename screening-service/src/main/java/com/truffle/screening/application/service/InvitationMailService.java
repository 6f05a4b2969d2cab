package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.truffle.screening.application.port.in.SendInvitationMailsUseCase;
import com.truffle.screening.application.port.out.AccountSettingsPort;
import com.truffle.screening.application.port.out.InvitationMailQueuePort;
import com.truffle.screening.application.port.out.LoadCandidatePort;
import com.truffle.screening.application.port.out.LoadScreeningPort;
import com.truffle.screening.application.port.out.SaveScreeningPort;
import com.truffle.screening.application.port.out.SendInvitationMailPort;
import com.truffle.screening.domain.HiringPolicy;
import com.truffle.screening.domain.InvitationMail;
import com.truffle.screening.domain.PendingMail;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreenerToken;
import com.truffle.screening.domain.ScreeningStatus;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Sends one queued invitation mail per call, in its own transaction. The link's token is made here, at send
 * time, and only its hash is stored, and only once the relay accepted the mail: a failed send changes no link.
 * A failure is retried with exponential backoff; a screening no longer waiting for the candidate is skipped.
 */
@ApplicationScoped
public class InvitationMailService implements SendInvitationMailsUseCase {

    private static final Logger LOG = Logger.getLogger(InvitationMailService.class);

    @Inject
    InvitationMailQueuePort queue;
    @Inject
    LoadScreeningPort screenings;
    @Inject
    SaveScreeningPort save;
    @Inject
    LoadCandidatePort candidates;
    @Inject
    AccountSettingsPort settings;
    @Inject
    SendInvitationMailPort mailer;
    @Inject
    HiringPolicy policy;
    @Inject
    Clock clock;

    @Override
    @WithTransaction
    public Uni<Boolean> sendNext() {
        Instant now = clock.instant();
        return queue.claimNext(now).chain(next -> next.isEmpty() ? Uni.createFrom().item(false)
                : send(next.get(), now).replaceWith(true));
    }

    private Uni<Void> send(PendingMail pending, Instant now) {
        return screenings.byIdForUpdate(pending.screeningId()).chain(found -> {
            Screening s = found.orElse(null);
            if (s == null || s.status() != ScreeningStatus.INVITED || s.isExpired(now)) {
                return queue.skipped(pending, s == null ? "screening gone" : "screening is " + (s.isExpired(now) ? "expired" : s.status()));
            }
            String token = ScreenerToken.generate();
            return compose(s, token).chain(mail -> mailer.send(mail))
                    .chain(() -> {
                        s.issueToken(ScreenerToken.hash(token), now);
                        return save.save(s).chain(() -> queue.sent(pending, now));
                    })
                    .onFailure().recoverWithUni(e -> failed(pending, e, now));
        });
    }

    private Uni<InvitationMail> compose(Screening s, String token) {
        return candidates.load(s.companyId(), s.candidateId()).chain(candidate -> settings.load(s.companyId())
                .map(account -> new InvitationMail(s.candidateEmail(),
                        candidate.map(c -> c.firstName()).filter(n -> !n.isBlank()).orElse(null),
                        account.effectiveSenderName(), Optional.ofNullable(account.displayName()).orElse(account.effectiveSenderName()),
                        s.jobTitle(), policy.screenerLink(token), s.expiresAt(), account.timezone())));
    }

    private Uni<Void> failed(PendingMail pending, Throwable e, Instant now) {
        int attempts = pending.attempts() + 1;
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (policy.mailRetry().givesUpAfter(attempts)) {
            LOG.errorf("invitation mail %d for screening %s failed %d times, giving up: %s", pending.id(),
                    pending.screeningId(), attempts, error);
            return queue.failed(pending, error);
        }
        LOG.warnf("invitation mail %d for screening %s failed (attempt %d), retrying: %s", pending.id(),
                pending.screeningId(), attempts, error);
        return queue.retryAt(pending, now.plus(policy.mailRetry().delayAfter(attempts)), error);
    }
}
