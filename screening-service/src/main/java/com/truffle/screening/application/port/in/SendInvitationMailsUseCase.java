package com.truffle.screening.application.port.in;

import io.smallrye.mutiny.Uni;

/** The mail worker's step: send the next due invitation mail, if any (true when one was handled). */
public interface SendInvitationMailsUseCase {

    Uni<Boolean> sendNext();
}
