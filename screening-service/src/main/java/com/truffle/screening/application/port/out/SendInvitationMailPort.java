package com.truffle.screening.application.port.out;

import com.truffle.screening.domain.InvitationMail;
import io.smallrye.mutiny.Uni;

public interface SendInvitationMailPort {

    /** Hands the mail to the SMTP relay; fails when the relay does not accept it. */
    Uni<Void> send(InvitationMail mail);
}
