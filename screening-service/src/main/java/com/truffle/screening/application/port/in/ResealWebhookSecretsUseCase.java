package com.truffle.screening.application.port.in;

import io.smallrye.mutiny.Uni;

/** After an encryption-key rotation: moves every stored webhook signing secret to the current key. */
public interface ResealWebhookSecretsUseCase {

    /** @return how many secrets were sealed again */
    Uni<Integer> resealAll();
}
