package com.truffle.screening.application.port.in;

import io.smallrye.mutiny.Uni;

/** The delivery worker's step: deliver the next due webhook delivery, if any (true when one was handled). */
public interface DeliverWebhooksUseCase {

    Uni<Boolean> deliverNext();
}
