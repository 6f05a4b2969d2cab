package com.truffle.screening.application.port.out;

import com.truffle.screening.domain.Screening;
import io.smallrye.mutiny.Uni;

public interface SaveScreeningPort {

    /** Inserts or updates (optimistic lock on the version it was loaded at). */
    Uni<Void> save(Screening screening);
}
