package com.truffle.ashby.application.port.in;

import java.util.Objects;

import com.truffle.ashby.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/** assessment.cancel: idempotent; an unknown or already-cancelled id is still a success. */
public interface CancelAssessmentUseCase {

    Uni<Void> cancel(CancelAssessmentCommand command);

    record CancelAssessmentCommand(CompanyId companyId, String assessmentId) {
        public CancelAssessmentCommand {
            Objects.requireNonNull(companyId, "companyId");
        }
    }
}
