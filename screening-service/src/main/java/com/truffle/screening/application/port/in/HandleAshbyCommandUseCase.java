package com.truffle.screening.application.port.in;

import java.util.Objects;
import java.util.UUID;

import com.truffle.screening.domain.CompanyId;
import io.smallrye.mutiny.Uni;

/**
 * The Ashby connector's commands. Both are idempotent on the command id: a command seen before does nothing.
 * A command that cannot be carried out (unknown or closed position…) is recorded as rejected, not retried.
 */
public interface HandleAshbyCommandUseCase {

    Uni<String> requestAssessment(RequestAssessmentCommand command);

    Uni<String> cancelAssessment(CancelAssessmentCommand command);

    record CandidateInput(String email, String firstName, String lastName, String externalId) {
        public CandidateInput {
            Objects.requireNonNull(email, "candidate email");
        }
    }

    record RequestAssessmentCommand(UUID commandId, CompanyId companyId, String assessmentId, String jobId,
            CandidateInput candidate) {
        public RequestAssessmentCommand {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(assessmentId, "assessmentId");
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    record CancelAssessmentCommand(UUID commandId, CompanyId companyId, String assessmentId, String reason) {
        public CancelAssessmentCommand {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(assessmentId, "assessmentId");
        }
    }
}
