package com.truffle.ashby.application.port.in;

import java.util.Objects;

import com.truffle.ashby.domain.AssessmentId;
import com.truffle.ashby.domain.Candidate;
import com.truffle.ashby.domain.CompanyId;
import com.truffle.ashby.domain.PartnerCallRefused;
import io.smallrye.mutiny.Uni;

/**
 * assessment.start: answers at once with our assessment id and asks screening-service (AssessmentRequested) to
 * invite the candidate; a repeat for the same application and type returns the same id.
 */
public interface StartAssessmentUseCase {

    Uni<AssessmentId> start(StartAssessmentCommand command);

    /** Only what we truly need is required: the assessment type and a candidate email (reference §3.2). */
    record StartAssessmentCommand(CompanyId companyId, String assessmentTypeId, String applicationId, Candidate candidate) {
        public StartAssessmentCommand {
            Objects.requireNonNull(companyId, "companyId");
            if (assessmentTypeId == null || assessmentTypeId.isBlank()) {
                throw new PartnerCallRefused(PartnerCallRefused.Reason.INVALID_REQUEST,
                        "Truffle needs an assessment type (assessment_type_id) to start an assessment.");
            }
            if (candidate == null || !Candidate.isEmail(candidate.email())) {
                throw new PartnerCallRefused(PartnerCallRefused.Reason.INVALID_REQUEST,
                        "Truffle needs the candidate's email address to send the screening; add one in Ashby and try again.");
            }
        }
    }
}
