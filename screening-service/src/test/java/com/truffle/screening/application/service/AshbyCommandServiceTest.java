package com.truffle.screening.application.service;

import static com.truffle.screening.application.service.InMemoryPorts.question;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.CancelAssessmentCommand;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.CandidateInput;
import com.truffle.screening.application.port.in.HandleAshbyCommandUseCase.RequestAssessmentCommand;
import com.truffle.screening.application.port.in.TakeScreeningUseCase.SubmitAnswersCommand;
import com.truffle.screening.application.port.in.UpdateJobUseCase.UpdateJobCommand;
import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobId;
import com.truffle.screening.domain.JobStatus;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningEvent;
import com.truffle.screening.domain.ScreeningStatus;

class AshbyCommandServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CandidateInput ADA = new CandidateInput("Ada@Example.com", "Ada", "Lovelace", "ashby-candidate-1");

    InMemoryPorts ports;
    AshbyCommandService service;
    Job job;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.ashbyCommandService();
        job = ports.openJob(ACME, "Backend engineer", List.of(question("Which languages?", "Java")));
        ports.published.clear();
    }

    String request(UUID commandId, String assessmentId, String jobId, CandidateInput candidate) {
        return service.requestAssessment(new RequestAssessmentCommand(commandId, ACME, assessmentId, jobId, candidate)).await()
                .indefinitely();
    }

    String request(String assessmentId) {
        return request(UUID.randomUUID(), assessmentId, job.id().toString(), ADA);
    }

    String cancel(String assessmentId, String reason) {
        return service.cancelAssessment(new CancelAssessmentCommand(UUID.randomUUID(), ACME, assessmentId, reason)).await()
                .indefinitely();
    }

    Screening screeningOf(String assessmentId) {
        return ports.screenings.values().stream().filter(s -> assessmentId.equals(s.sourceRef())).findFirst().orElseThrow();
    }

    @Test
    void anAssessmentRequestAddsTheCandidateInvitesThemAndRecordsTheOutcome() {
        UUID commandId = UUID.randomUUID();
        String outcome = request(commandId, "assessment-1", job.id().toString(), ADA);

        Screening s = screeningOf("assessment-1");
        assertThat(outcome).isEqualTo("invited: screening " + s.id());
        assertThat(ports.processedCommands).containsEntry(commandId, outcome);
        Candidate added = ports.candidates.get(s.candidateId());
        assertThat(added.email()).isEqualTo("ada@example.com");
        assertThat(added.externalId()).isEqualTo("ashby-candidate-1");
        assertThat(ports.published).extracting(ScreeningEvent::type).containsExactly("CandidateAdded", "ScreeningInvited");
        assertThat(ports.published(ScreeningEvent.ScreeningInvited.class)).singleElement()
                .satisfies(e -> assertThat(e.sourceRef()).isEqualTo("assessment-1"));
        assertThat(ports.mailsQueued).containsExactly(s.id());
    }

    @Test
    void aCommandSeenBeforeDoesNothing() {
        UUID commandId = UUID.randomUUID();
        request(commandId, "assessment-1", job.id().toString(), ADA);
        int published = ports.published.size();

        assertThat(request(commandId, "assessment-1", job.id().toString(), ADA)).isEqualTo("duplicate");
        assertThat(ports.published).hasSize(published);
        assertThat(ports.mailsQueued).hasSize(1);
        assertThat(ports.candidates).hasSize(1);
    }

    @Test
    void aKnownCandidateIsFoundByEmailAndARepeatedRequestReusesTheScreening() {
        Candidate known = ports.candidate(ACME, "Ada", "ada@example.com");
        ports.published.clear();

        request("assessment-1");
        String again = request("assessment-1");

        Screening s = screeningOf("assessment-1");
        assertThat(s.candidateId()).isEqualTo(known.id());
        assertThat(again).isEqualTo("already invited: screening " + s.id());
        assertThat(ports.candidates).hasSize(1);
        assertThat(ports.published).extracting(ScreeningEvent::type).containsExactly("ScreeningInvited");
    }

    @Test
    void aNewAssessmentOfACandidateWhoseScreeningFinishedIsANewScreening() {
        request("assessment-1");
        Screening first = screeningOf("assessment-1");
        String token = ports.mailLink(first.id());
        ports.screenerService().start(token).await().indefinitely();
        ports.screenerService().submit(new SubmitAnswersCommand(token, List.of(new Answer(job.questions().get(0).id(), "Java"))))
                .await().indefinitely();

        String outcome = request("assessment-2");

        Screening second = screeningOf("assessment-2");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(outcome).isEqualTo("invited: screening " + second.id());
        assertThat(ports.status(first.id())).isEqualTo(ScreeningStatus.COMPLETED);
        assertThat(ports.status(second.id())).isEqualTo(ScreeningStatus.INVITED);
    }

    @Test
    void aRequestTheRulesRefuseIsRecordedAsRejectedNotRetried() {
        ports.jobService().update(new UpdateJobCommand(ACME, job.id(), null, null, null, JobStatus.CLOSED)).await().indefinitely();
        ports.published.clear();
        UUID closed = UUID.randomUUID();

        assertThat(request(closed, "a-1", job.id().toString(), ADA)).startsWith("rejected: ").contains("closed");
        assertThat(request(UUID.randomUUID(), "a-2", JobId.random().toString(), ADA)).startsWith("rejected: no position");
        assertThat(request(UUID.randomUUID(), "a-3", "not-a-job-id", ADA)).isEqualTo("rejected: no position not-a-job-id");
        Job open = ports.openJob(ACME, "Open", List.of(question("Q?", "k")));
        ports.published.clear();
        assertThat(request(UUID.randomUUID(), "a-4", open.id().toString(), new CandidateInput("not an email", null, null, null)))
                .startsWith("rejected: ");

        assertThat(ports.processedCommands.get(closed)).startsWith("rejected: ");
        assertThat(ports.screenings).isEmpty();
        assertThat(ports.candidates).isEmpty();
        assertThat(ports.published).isEmpty();
        assertThat(ports.mailsQueued).isEmpty();
    }

    @Test
    void aCandidateWithoutAFirstNameIsNamedAfterTheirEmail() {
        request(UUID.randomUUID(), "assessment-1", job.id().toString(), new CandidateInput("grace@example.com", " ", null, null));

        Candidate added = ports.candidates.get(screeningOf("assessment-1").candidateId());
        assertThat(added.firstName()).isEqualTo("grace");
        assertThat(added.lastName()).isEmpty();
    }

    @Test
    void cancellingDisqualifiesOnceAndACompletedScreeningCannotBeCancelled() {
        request("assessment-1");
        Screening s = screeningOf("assessment-1");
        ports.published.clear();

        assertThat(cancel("assessment-1", null)).isEqualTo("cancelled: screening " + s.id());
        assertThat(ports.status(s.id())).isEqualTo(ScreeningStatus.CANCELLED);
        assertThat(ports.screenings.get(s.id()).cancelReason()).isEqualTo("Cancelled in Ashby");
        assertThat(ports.published(ScreeningEvent.ScreeningCancelled.class)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("Cancelled in Ashby");
            assertThat(e.sourceRef()).isEqualTo("assessment-1");
        });

        assertThat(cancel("assessment-1", "again")).isEqualTo("already cancelled: screening " + s.id());
        assertThat(ports.published).hasSize(1);
        assertThat(cancel("assessment-unknown", null)).startsWith("rejected: no screening for assessment");

        request("assessment-2");
        Screening other = screeningOf("assessment-2");
        String token = ports.mailLink(other.id());
        ports.screenerService().start(token).await().indefinitely();
        ports.screenerService().submit(new SubmitAnswersCommand(token, List.of(new Answer(job.questions().get(0).id(), "Java"))))
                .await().indefinitely();
        ports.published.clear();
        assertThat(cancel("assessment-2", "withdrawn")).startsWith("rejected: ").contains("completed");
        assertThat(ports.status(other.id())).isEqualTo(ScreeningStatus.COMPLETED);
        assertThat(ports.published).isEmpty();
    }
}
