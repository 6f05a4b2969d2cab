package com.truffle.ashby.application.port.in;

import java.time.Instant;
import java.util.Objects;

import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.ScreeningResult;
import io.smallrye.mutiny.Uni;

/** Screening progress from screening-service, turned into assessment.update deliveries for Ashby. */
public interface TrackScreeningUseCase {

    Uni<Void> invited(ScreeningRef screening);

    Uni<Void> started(ScreeningRef screening, Instant startedAt);

    Uni<Void> completed(ScreeningRef screening, ScreeningResult result);

    Uni<Void> cancelled(ScreeningRef screening, String reason, Instant at);

    /** Which screening, and (source_ref) the assessment it was created for, if Ashby started it. */
    record ScreeningRef(CompanyId companyId, String screeningId, String sourceRef) {
        public ScreeningRef {
            Objects.requireNonNull(companyId, "companyId");
        }
    }
}
