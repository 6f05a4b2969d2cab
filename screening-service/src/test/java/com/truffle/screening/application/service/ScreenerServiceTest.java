package com.truffle.screening.application.service;

import static com.truffle.screening.application.service.InMemoryPorts.T0;
import static com.truffle.screening.application.service.InMemoryPorts.VALIDITY;
import static com.truffle.screening.application.service.InMemoryPorts.question;
import static com.truffle.screening.application.service.InMemoryPorts.refusal;
import static com.truffle.screening.application.service.InMemoryPorts.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.CancelAssessmentCommand;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.CandidateInput;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.RequestAssessmentCommand;
import com.truffle.screening.application.port.in.InviteCandidateUseCase.InviteCandidateCommand;
import com.truffle.screening.application.port.in.TakeScreeningUseCase.SubmitAnswersCommand;
import com.truffle.screening.domain.AccountSettings;
import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.QuestionId;
import com.truffle.screening.domain.QuestionScore;
import com.truffle.screening.domain.ScreenerToken;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningEvent;
import com.truffle.screening.domain.ScreeningRuleViolation.Rule;
import com.truffle.screening.domain.ScreeningStatus;

class ScreenerServiceTest {

    static final CompanyId ACME = new CompanyId("acme");

    InMemoryPorts ports;
    ScreenerService service;
    Job job;
    Screening screening;
    String token;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.screenerService();
        job = ports.openJob(ACME, "Backend engineer", List.of(question("Which languages?", "Java", "SQL"),
                question("How do you test?", "unit tests", "CI")));
        var ada = ports.candidate(ACME, "Ada", "ada@example.com");
        screening = ports.invitationService().invite(new InviteCandidateCommand(ACME, ada.id(), job.id())).await().indefinitely()
                .screening();
        token = ports.mailLink(screening.id());
        ports.published.clear();
    }

    Screening start() {
        return service.start(token).await().indefinitely();
    }

    Screening submit(List<Answer> answers) {
        return service.submit(new SubmitAnswersCommand(token, answers)).await().indefinitely();
    }

    List<Answer> goodAnswers() {
        return List.of(new Answer(job.questions().get(1).id(), "Unit-tests on every commit, run in CI."),
                new Answer(job.questions().get(0).id(), "Mostly Java, some JavaScript."));
    }

    @Test
    void onlyAWellFormedLinkOfALiveInvitationOpensTheScreening() {
        assertThat(refusal(() -> service.view("not-a-token").await().indefinitely())).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> service.start(ScreenerToken.generate()).await().indefinitely())).isEqualTo(Rule.NOT_FOUND);

        String newer = ports.mailLink(screening.id());
        assertThat(violation(() -> service.view(token).await().indefinitely()).getMessage()).as("a newer invitation replaced it")
                .contains("newer invitation");
        assertThat(service.view(newer).await().indefinitely().screening().id()).isEqualTo(screening.id());
        assertThat(ports.published).isEmpty();
    }

    @Test
    void theScreenerShowsTheCompanysNameAndWhetherTheLinkExpired() {
        var view = service.view(token).await().indefinitely();
        assertThat(view.companyName()).as("no display name set: the page says \"the company\"").isNull();
        assertThat(view.expired()).isFalse();

        ports.settings.put(ACME, new AccountSettings(ACME, "Acme Robotics", null, ZoneId.of("UTC")));
        ports.clock.advance(VALIDITY.plusSeconds(1));
        view = service.view(token).await().indefinitely();
        assertThat(view.companyName()).isEqualTo("Acme Robotics");
        assertThat(view.expired()).isTrue();
    }

    @Test
    void startingIsPublishedOnceHoweverOftenTheCandidateOpensIt() {
        ports.clock.advance(Duration.ofMinutes(1));
        Screening started = start();
        start();

        assertThat(started.status()).isEqualTo(ScreeningStatus.STARTED);
        assertThat(ports.status(screening.id())).isEqualTo(ScreeningStatus.STARTED);
        assertThat(ports.published).containsExactly(new ScreeningEvent.ScreeningStarted(ACME, screening.id(), screening.candidateId(),
                job.id(), null, T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void submittedAnswersAreScoredCompletedAndPublishedOnceAndASecondSubmitIsRefused() {
        assertThat(refusal(() -> submit(goodAnswers()))).as("not started yet").isEqualTo(Rule.SCREENING_NOT_STARTED);
        assertThat(ports.status(screening.id())).isEqualTo(ScreeningStatus.INVITED);

        start();
        ports.clock.advance(Duration.ofMinutes(10));
        Screening completed = submit(goodAnswers());

        assertThat(completed.status()).isEqualTo(ScreeningStatus.COMPLETED);
        Screening stored = ports.screenings.get(screening.id());
        assertThat(stored.status()).isEqualTo(ScreeningStatus.COMPLETED);
        assertThat(stored.scores()).extracting(QuestionScore::score).containsExactly(50, 100);
        assertThat(stored.score()).isEqualTo(75);
        assertThat(ports.published(ScreeningEvent.ScreeningCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.score()).isEqualTo(75);
            assertThat(e.durationSeconds()).isEqualTo(600);
            assertThat(e.completedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        });

        assertThat(refusal(() -> submit(List.of(new Answer(job.questions().get(0).id(), "Java and SQL"),
                new Answer(job.questions().get(1).id(), "unit tests, CI"))))).as("submitting twice").isEqualTo(Rule.SCREENING_COMPLETED);
        assertThat(refusal(this::start)).isEqualTo(Rule.SCREENING_COMPLETED);
        assertThat(ports.screenings.get(screening.id()).score()).isEqualTo(75);
        assertThat(ports.published(ScreeningEvent.ScreeningCompleted.class)).hasSize(1);
    }

    @Test
    void incompleteOrForeignAnswersAreRefusedAndTheScreeningStaysOpen() {
        start();
        ports.published.clear();

        assertThat(violation(() -> submit(List.of(goodAnswers().get(0)))).field()).isEqualTo("answers");
        assertThat(violation(() -> submit(List.of(new Answer(job.questions().get(0).id(), "Java"),
                new Answer(job.questions().get(1).id(), "   "))))).satisfies(e -> assertThat(e.field()).isEqualTo("answers"));
        assertThat(violation(() -> submit(List.of(new Answer(job.questions().get(0).id(), "Java"),
                new Answer(job.questions().get(0).id(), "SQL"))))).satisfies(e -> {
                    assertThat(e.rule()).isEqualTo(Rule.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("twice");
                });
        assertThat(refusal(() -> submit(List.of(new Answer(QuestionId.random(), "x")))))
                .isEqualTo(Rule.INVALID_INPUT);
        assertThat(ports.status(screening.id())).isEqualTo(ScreeningStatus.STARTED);
        assertThat(ports.published).isEmpty();

        assertThat(submit(goodAnswers()).status()).isEqualTo(ScreeningStatus.COMPLETED);
    }

    @Test
    void anExpiredLinkRefusesToStartAndToSubmit() {
        ports.clock.advance(VALIDITY.plusSeconds(1));
        assertThat(refusal(this::start)).isEqualTo(Rule.SCREENING_EXPIRED);
        assertThat(ports.status(screening.id())).isEqualTo(ScreeningStatus.INVITED);

        // started in time, submitted too late
        ports.invitationService().invite(new InviteCandidateCommand(ACME, screening.candidateId(), job.id())).await().indefinitely();
        token = ports.mailLink(screening.id());
        start();
        ports.clock.advance(VALIDITY.plusSeconds(1));
        assertThat(refusal(() -> submit(goodAnswers()))).isEqualTo(Rule.SCREENING_EXPIRED);
        assertThat(ports.published(ScreeningEvent.ScreeningCompleted.class)).isEmpty();
    }

    @Test
    void aScreeningTheCompanyCancelledRefusesTheCandidate() {
        Job ashbyJob = ports.openJob(ACME, "Ashby position", List.of(question("Q?", "k")));
        ports.ashbyCommandService().requestAssessment(new RequestAssessmentCommand(UUID.randomUUID(), ACME, "assessment-1",
                ashbyJob.id().toString(), new CandidateInput("grace@example.com", "Grace", "Hopper", null))).await().indefinitely();
        Screening viaAshby = ports.screenings.values().stream().filter(s -> "assessment-1".equals(s.sourceRef())).findFirst().orElseThrow();
        token = ports.mailLink(viaAshby.id());
        start();
        ports.ashbyCommandService().cancelAssessment(new CancelAssessmentCommand(UUID.randomUUID(), ACME, "assessment-1", null)).await()
                .indefinitely();

        assertThat(refusal(this::start)).isEqualTo(Rule.SCREENING_CANCELLED);
        assertThat(refusal(() -> submit(List.of(new Answer(ashbyJob.questions().get(0).id(), "k"))))).isEqualTo(Rule.SCREENING_CANCELLED);
        assertThat(ports.status(viaAshby.id())).isEqualTo(ScreeningStatus.CANCELLED);
    }
}
