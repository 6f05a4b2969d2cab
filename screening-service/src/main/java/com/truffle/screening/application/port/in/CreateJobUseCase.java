package com.truffle.screening.application.port.in;

import java.util.List;
import java.util.Objects;

import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobStatus;
import io.smallrye.mutiny.Uni;

/** A company creates a position with its screening questions; it is published (PositionPublished). */
public interface CreateJobUseCase {

    Uni<Job> create(CreateJobCommand command);

    record QuestionInput(String id, String prompt, List<String> keywords) {
        public QuestionInput {
            Objects.requireNonNull(prompt, "prompt");
            keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords"));
        }
    }

    record CreateJobCommand(CompanyId companyId, String title, String description, List<QuestionInput> questions,
            JobStatus status) {
        public CreateJobCommand {
            Objects.requireNonNull(companyId, "companyId");
            Objects.requireNonNull(title, "title");
            questions = List.copyOf(Objects.requireNonNull(questions, "questions"));
        }
    }
}
