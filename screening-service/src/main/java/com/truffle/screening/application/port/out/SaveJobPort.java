package com.truffle.screening.application.port.out;

import com.truffle.screening.domain.Job;
import io.smallrye.mutiny.Uni;

public interface SaveJobPort {

    /** Inserts or updates (optimistic lock on the version it was loaded at). */
    Uni<Void> save(Job job);
}
