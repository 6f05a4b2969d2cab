package com.truffle.screening.application.port.in;

import java.util.Objects;

import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.Screening;
import io.smallrye.mutiny.Uni;

/**
 * Invites a candidate to screen for an open position: a screening INVITED (ScreeningInvited) and a mail with the
 * screener link. Inviting again to the same position returns the same screening ({@code created} false); while it
 * still waits for the candidate, a fresh link is mailed.
 */
public interface InviteCandidateUseCase {

    Uni<Invitation> invite(InviteCandidateCommand command);

    record InviteCandidateCommand(CompanyId companyId, CandidateId candidateId, JobId jobId) {
        public InviteCandidateCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(candidateId, "candidateId");
            Objects.requireNonNull(jobId, "jobId");
        }
    }

    record Invitation(Screening screening, boolean created) {
    }
}
