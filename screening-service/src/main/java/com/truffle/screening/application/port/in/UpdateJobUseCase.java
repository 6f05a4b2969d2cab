package com.truffle.screening.application.port.in;

import java.util.List;
import java.util.Objects;

import com.truffle.screening.application.port.in.CreateJobUseCase.QuestionInput;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.JobStatus;
import io.smallrye.mutiny.Uni;

/**
 * Changes a position (null fields stay as they are), including opening and closing it (PositionUpdated).
 * Questions given with the id of an existing question keep that id.
 */
public interface UpdateJobUseCase {

    Uni<Job> update(UpdateJobCommand command);

    record UpdateJobCommand(CompanyId companyId, JobId jobId, String title, String description,
            List<QuestionInput> questions, JobStatus status) {
        public UpdateJobCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(jobId, "jobId");
            questions = questions == null ? null : List.copyOf(questions);
        }
    }
}
