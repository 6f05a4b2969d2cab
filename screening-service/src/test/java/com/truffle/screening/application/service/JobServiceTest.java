package com.truffle.screening.application.service;

import static com.truffle.screening.application.service.InMemoryPorts.T0;
import static com.truffle.screening.application.service.InMemoryPorts.question;
import static com.truffle.screening.application.service.InMemoryPorts.refusal;
import static com.truffle.screening.application.service.InMemoryPorts.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.application.port.in.CreateJobUseCase.CreateJobCommand;
import com.truffle.screening.application.port.in.CreateJobUseCase.QuestionInput;
import com.truffle.screening.application.port.in.UpdateJobUseCase.UpdateJobCommand;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.JobStatus;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.QuestionId;
import com.truffle.screening.domain.ScreeningEvent;
import com.truffle.screening.domain.ScreeningRuleViolation.Rule;

class JobServiceTest {

    static final CompanyId ACME = new CompanyId("acme");

    InMemoryPorts ports;
    JobService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.jobService();
    }

    Job create(List<QuestionInput> questions) {
        return service.create(new CreateJobCommand(ACME, "  Backend engineer ", " ", questions, null)).await().indefinitely();
    }

    Job update(JobId id, String title, List<QuestionInput> questions, JobStatus status) {
        return service.update(new UpdateJobCommand(ACME, id, title, null, questions, status)).await().indefinitely();
    }

    @Test
    void aNewPositionIsOpenStoredAndPublished() {
        Job job = create(List.of(question("Which languages?", "Java", "SQL"), question("How do you test?", "unit tests")));

        Job stored = ports.jobs.get(job.id());
        assertThat(stored.title()).isEqualTo("Backend engineer");
        assertThat(stored.description()).isNull();
        assertThat(stored.status()).isEqualTo(JobStatus.OPEN);
        assertThat(stored.questions()).extracting(Question::prompt).containsExactly("Which languages?", "How do you test?");
        assertThat(ports.published).containsExactly(
                new ScreeningEvent.PositionPublished(ACME, job.id(), "Backend engineer", null, JobStatus.OPEN, 2, T0));
    }

    @Test
    void aPositionNeedsQuestionsWithKeywordsAndNewQuestionsCannotNameAnId() {
        assertThat(violation(() -> create(List.of())).field()).isEqualTo("questions");
        assertThat(violation(() -> create(List.of(question("Languages?", "Java"), question("Testing?", " ")))).field())
                .isEqualTo("questions[1].keywords");
        assertThat(violation(() -> create(List.of(new QuestionInput(QuestionId.random().toString(), "Languages?", List.of("Java")))))
                .field()).isEqualTo("questions[0].id");
        assertThat(refusal(() -> create(List.of()))).isEqualTo(Rule.INVALID_INPUT);
        assertThat(ports.jobs).isEmpty();
        assertThat(ports.published).isEmpty();
    }

    @Test
    void onlyWhatChangedIsAnUpdateAndClosingIsOne() {
        Job job = create(List.of(question("Which languages?", "Java")));
        ports.published.clear();
        ports.clock.advance(Duration.ofHours(1));

        update(job.id(), "Backend engineer", null, JobStatus.OPEN);
        assertThat(ports.published).as("nothing changed").isEmpty();
        assertThat(ports.jobs.get(job.id()).updatedAt()).isEqualTo(T0);

        Job closed = update(job.id(), null, null, JobStatus.CLOSED);
        assertThat(closed.status()).isEqualTo(JobStatus.CLOSED);
        assertThat(ports.jobs.get(job.id()).status()).isEqualTo(JobStatus.CLOSED);
        assertThat(ports.published).containsExactly(new ScreeningEvent.PositionUpdated(ACME, job.id(), "Backend engineer", null,
                JobStatus.CLOSED, 1, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void aQuestionThatNamesAnIdOfThePositionKeepsItAndAnyOtherIdIsRefused() {
        Job job = create(List.of(question("Which languages?", "Java"), question("How do you test?", "unit tests")));
        Question kept = job.questions().get(1);
        ports.published.clear();

        Job updated = update(job.id(), null, List.of(new QuestionInput(kept.id().toString(), "How do you test code?", List.of("CI")),
                question("Why us?", "mission")), null);

        assertThat(updated.questions()).hasSize(2);
        assertThat(updated.questions().get(0).id()).isEqualTo(kept.id());
        assertThat(updated.questions().get(0).keywords()).containsExactly("CI");
        assertThat(updated.questions().get(1).id()).isNotIn(job.questions().get(0).id(), kept.id());
        assertThat(ports.published(ScreeningEvent.PositionUpdated.class)).singleElement()
                .satisfies(e -> assertThat(e.questionCount()).isEqualTo(2));

        Job other = create(List.of(question("Another position's question", "x")));
        String foreign = other.questions().get(0).id().toString();
        for (String id : List.of(foreign, "not-a-uuid")) {
            assertThat(violation(() -> update(job.id(), null, List.of(new QuestionInput(id, "Q", List.of("k"))), null)))
                    .satisfies(e -> {
                        assertThat(e.rule()).isEqualTo(Rule.INVALID_INPUT);
                        assertThat(e.field()).isEqualTo("questions[0].id");
                    });
        }
        assertThat(refusal(() -> update(job.id(), null, List.of(), null))).isEqualTo(Rule.INVALID_INPUT);
        assertThat(ports.jobs.get(job.id()).questions()).isEqualTo(updated.questions());
    }

    @Test
    void aQuestionIdCannotBeKeptTwice() {
        Job job = create(List.of(question("Which languages?", "Java"), question("How do you test?", "unit tests")));
        String id = job.questions().get(0).id().toString();

        assertThat(violation(() -> update(job.id(), null, List.of(new QuestionInput(id, "Which languages?", List.of("Java")),
                new QuestionInput(id, "Which databases?", List.of("SQL"))), null))).satisfies(e -> {
                    assertThat(e.rule()).isEqualTo(Rule.INVALID_INPUT);
                    assertThat(e.field()).isEqualTo("questions[1].id");
                });
        assertThat(ports.jobs.get(job.id()).questions()).isEqualTo(job.questions());
    }

    @Test
    void anotherCompanysPositionIsNotFoundAndUnchanged() {
        Job job = create(List.of(question("Which languages?", "Java")));
        ports.published.clear();

        assertThat(refusal(() -> service.update(new UpdateJobCommand(new CompanyId("globex"), job.id(), "Ours now", null, null,
                JobStatus.CLOSED)).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> update(JobId.random(), "x", null, null))).isEqualTo(Rule.NOT_FOUND);
        assertThat(ports.jobs.get(job.id()).status()).isEqualTo(JobStatus.OPEN);
        assertThat(ports.published).isEmpty();
    }
}
