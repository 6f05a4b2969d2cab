package com.truffle.screening.application.service;

import java.time.Clock;
import java.time.Instant;

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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Sends one queued invitation mail per call. The link's token is made here, at send time, and only its hash is
 * stored, committed before the mail leaves (a candidate may click the instant it arrives).
 * A failure is retried with exponential backoff; a screening no longer waiting for the candidate is skipped.
 */
@ApplicationScoped
public class InvitationMailService implements SendInvitationMailsUseCase {

    private static final Logger LOG = Logger.getLogger(InvitationMailService.class);
    private static final java.time.Duration SEND_LEASE = java.time.Duration.ofMinutes(2);

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
    public Uni<Boolean> sendNext() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> prepare(now)).chain(prepared -> {
            if (prepared == null) {
                return Uni.createFrom().item(false);
            }
            if (prepared.mail() == null) {
                return Uni.createFrom().item(true); // skipped: nothing to send, look at the next one
            }
            // the SMTP call runs outside any transaction; the link already works (its hash committed before sending)
            return mailer.send(prepared.mail())
                    .chain(() -> Panache.withTransaction(() -> queue.sent(prepared.pending(), clock.instant())))
                    .onFailure().recoverWithUni(e -> Panache.withTransaction(() -> failed(prepared.pending(), e, clock.instant())))
                    .replaceWith(true);
        });
    }

    private record Prepared(PendingMail pending, InvitationMail mail) {
    }

    /**
     * Claims the next due mail and, in the same transaction, makes its link's token and stores the token's hash,
     * so the link works the moment the mail can arrive. The claim is leased for the send; if this process dies
     * before the outcome is recorded, the lease runs out and the mail goes again with a fresh link.
     */
    private Uni<Prepared> prepare(Instant now) {
        return queue.claimNext(now).chain(next -> {
            if (next.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            PendingMail pending = next.get();
            return screenings.byIdForUpdate(pending.screeningId()).chain(found -> {
                Screening s = found.orElse(null);
                if (s == null || s.status() != ScreeningStatus.INVITED || s.isExpired(now)) {
                    return queue.skipped(pending, s == null ? "screening gone" : "screening is " + (s.isExpired(now) ? "expired" : s.status()))
                            .replaceWith(new Prepared(pending, null));
                }
                String token = ScreenerToken.generate();
                s.issueToken(ScreenerToken.hash(token), now);
                return compose(s, token).chain(mail -> save.save(s)
                        .chain(() -> queue.lease(pending, now.plus(SEND_LEASE)))
                        .replaceWith(new Prepared(pending, mail)));
            });
        });
    }

    private Uni<InvitationMail> compose(Screening s, String token) {
        return candidates.load(s.companyId(), s.candidateId()).chain(candidate -> settings.load(s.companyId())
                .map(account -> new InvitationMail(s.candidateEmail(),
                        candidate.map(c -> c.firstName()).filter(n -> !n.isBlank()).orElse(null),
                        account.effectiveSenderName(), account.effectiveDisplayName(),
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
