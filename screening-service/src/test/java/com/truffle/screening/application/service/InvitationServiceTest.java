package com.truffle.screening.application.service;

import static com.truffle.screening.application.service.InMemoryPorts.T0;
import static com.truffle.screening.application.service.InMemoryPorts.VALIDITY;
import static com.truffle.screening.application.service.InMemoryPorts.question;
import static com.truffle.screening.application.service.InMemoryPorts.refusal;
import static com.truffle.screening.application.service.InMemoryPorts.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.application.port.in.CreateJobUseCase.QuestionInput;
import com.truffle.screening.application.port.in.InviteCandidateUseCase.Invitation;
import com.truffle.screening.application.port.in.InviteCandidateUseCase.InviteCandidateCommand;
import com.truffle.screening.application.port.in.TakeScreeningUseCase.SubmitAnswersCommand;
import com.truffle.screening.application.port.in.UpdateJobUseCase.UpdateJobCommand;
import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobStatus;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningEvent;
import com.truffle.screening.domain.ScreeningRuleViolation.Rule;
import com.truffle.screening.domain.ScreeningStatus;

class InvitationServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CompanyId GLOBEX = new CompanyId("globex");

    InMemoryPorts ports;
    InvitationService service;
    Job job;
    Candidate ada;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.invitationService();
        job = ports.openJob(ACME, "Backend engineer", List.of(question("Which languages?", "Java", "SQL")));
        ada = ports.candidate(ACME, "Ada", "ada@example.com");
        ports.published.clear();
    }

    Invitation invite(CandidateId candidate, Job to) {
        return service.invite(new InviteCandidateCommand(ACME, candidate, to.id())).await().indefinitely();
    }

    Screening startAndComplete(Screening s) {
        String token = ports.mailLink(s.id());
        var screener = ports.screenerService();
        screener.start(token).await().indefinitely();
        return screener.submit(new SubmitAnswersCommand(token, List.of(new Answer(s.questions().get(0).id(), "Java")))).await()
                .indefinitely();
    }

    @Test
    void anInvitationMakesAScreeningPublishesItAndQueuesTheMail() {
        Invitation invitation = invite(ada.id(), job);

        Screening s = invitation.screening();
        assertThat(invitation.created()).isTrue();
        assertThat(ports.status(s.id())).isEqualTo(ScreeningStatus.INVITED);
        assertThat(ports.screenings.get(s.id()).expiresAt()).isEqualTo(T0.plus(VALIDITY));
        assertThat(ports.published).containsExactly(new ScreeningEvent.ScreeningInvited(ACME, s.id(), ada.id(), job.id(),
                "ada@example.com", null, T0.plus(VALIDITY), T0));
        assertThat(ports.mailsQueued).containsExactly(s.id());
    }

    @Test
    void invitingAgainWhileTheCandidateHasNotStartedRenewsTheLinkButMakesNoSecondScreening() {
        Screening first = invite(ada.id(), job).screening();
        ports.clock.advance(Duration.ofDays(10));

        Invitation again = invite(ada.id(), job);

        assertThat(again.created()).isFalse();
        assertThat(again.screening().id()).isEqualTo(first.id());
        assertThat(ports.screenings).hasSize(1);
        assertThat(ports.screenings.get(first.id()).expiresAt()).isEqualTo(T0.plus(Duration.ofDays(10)).plus(VALIDITY));
        assertThat(ports.mailsQueued).as("a fresh link is mailed").containsExactly(first.id(), first.id());
        assertThat(ports.published(ScreeningEvent.ScreeningInvited.class)).hasSize(1);
    }

    @Test
    void invitingAgainOnceStartedOrCompletedReturnsThatScreeningAndMailsNothing() {
        Screening first = invite(ada.id(), job).screening();
        String token = ports.mailLink(first.id());
        ports.screenerService().start(token).await().indefinitely();

        Invitation whileStarted = invite(ada.id(), job);
        assertThat(whileStarted.created()).isFalse();
        assertThat(whileStarted.screening().status()).isEqualTo(ScreeningStatus.STARTED);
        assertThat(ports.mailsQueued).hasSize(1);

        ports.screenerService().submit(new SubmitAnswersCommand(token, List.of(new Answer(first.questions().get(0).id(), "Java"))))
                .await().indefinitely();
        Invitation afterCompleting = invite(ada.id(), job);
        assertThat(afterCompleting.created()).isFalse();
        assertThat(afterCompleting.screening().id()).isEqualTo(first.id());
        assertThat(afterCompleting.screening().status()).isEqualTo(ScreeningStatus.COMPLETED);
        assertThat(ports.mailsQueued).hasSize(1);
        assertThat(ports.published(ScreeningEvent.ScreeningInvited.class)).hasSize(1);
    }

    @Test
    void aClosedPositionTakesNoInvitationNotEvenARenewal() {
        Screening first = invite(ada.id(), job).screening();
        Candidate grace = ports.candidate(ACME, "Grace", "grace@example.com");
        ports.jobService().update(new UpdateJobCommand(ACME, job.id(), null, null, null, JobStatus.CLOSED)).await().indefinitely();
        ports.published.clear();
        ports.mailsQueued.clear();

        assertThat(violation(() -> invite(grace.id(), job))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.JOB_CLOSED);
            assertThat(e.field()).isEqualTo("job_id");
        });
        assertThat(refusal(() -> invite(ada.id(), job))).isEqualTo(Rule.JOB_CLOSED);
        assertThat(ports.screenings).containsOnlyKeys(first.id());
        assertThat(ports.screenings.get(first.id()).expiresAt()).isEqualTo(T0.plus(VALIDITY));
        assertThat(ports.mailsQueued).isEmpty();
        assertThat(ports.published).isEmpty();
    }

    @Test
    void anotherCompanysPositionOrCandidateCannotBeUsed() {
        Job theirs = ports.openJob(GLOBEX, "Their job", List.of(question("Q?", "k")));
        Candidate theirCandidate = ports.candidate(GLOBEX, "Eve", "eve@example.com");
        ports.published.clear();

        assertThat(violation(() -> invite(ada.id(), theirs))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.INVALID_INPUT);
            assertThat(e.field()).isEqualTo("job_id");
        });
        assertThat(refusal(() -> invite(theirCandidate.id(), job))).isEqualTo(Rule.NOT_FOUND);
        assertThat(refusal(() -> invite(CandidateId.random(), job))).isEqualTo(Rule.NOT_FOUND);
        assertThat(ports.screenings).isEmpty();
        assertThat(ports.published).isEmpty();
    }

    @Test
    void aScreeningKeepsTheQuestionsOfItsInvitationWhenThePositionIsEdited() {
        Screening s = invite(ada.id(), job).screening();
        Question asked = job.questions().get(0);

        ports.jobService().update(new UpdateJobCommand(ACME, job.id(), null, null, List.of(new QuestionInput(null, "Why us?",
                List.of("mission"))), null)).await().indefinitely();

        assertThat(ports.screenings.get(s.id()).questions()).containsExactly(asked);
        Screening completed = startAndComplete(ports.screenings.get(s.id()));
        assertThat(completed.scores()).singleElement().satisfies(q -> {
            assertThat(q.questionId()).isEqualTo(asked.id());
            assertThat(q.score()).isEqualTo(50);
        });
    }
}
