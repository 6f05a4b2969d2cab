package com.truffle.screening.application.port.out;

import java.time.Instant;
import java.util.Optional;

import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.PendingMail;
import com.truffle.screening.domain.ScreeningId;
import io.smallrye.mutiny.Uni;

/** The invitation mails still to send (a table: a restart or an SMTP outage loses none). */
public interface InvitationMailQueuePort {

    Uni<Void> enqueue(ScreeningId screeningId, CompanyId companyId, Instant now);

    /** Claims the next due mail for the current transaction (skipping those another worker holds). */
    Uni<Optional<PendingMail>> claimNext(Instant now);

    /** Holds a claimed mail until {@code until} (while it is being sent outside the claiming transaction). */
    Uni<Void> lease(PendingMail mail, Instant until);

    Uni<Void> sent(PendingMail mail, Instant now);

    Uni<Void> retryAt(PendingMail mail, Instant next, String error);

    Uni<Void> failed(PendingMail mail, String error);

    Uni<Void> skipped(PendingMail mail, String why);
}
