package com.truffle.screening.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScreeningTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final CompanyId ACME = new CompanyId("acme");

    final Question languages = new Question(QuestionId.random(), "Which languages?", List.of("Java", "SQL"));
    final Question testing = new Question(QuestionId.random(), "How do you test?", List.of("unit tests", "integration", "mocks", "CI"));
    final Job job = Job.create(ACME, "Backend engineer", "desc", List.of(languages, testing), null, T0);
    final Candidate ada = Candidate.add(ACME, "Ada", "Lovelace", " Ada@Example.COM ", null, null, T0);

    Screening invited() {
        return Screening.invite(ada, job, "ashby-1", T0, Duration.ofDays(14));
    }

    @Test
    void invitedThenStartedThenCompletedWithScores() {
        Screening s = invited();
        assertThat(s.status()).isEqualTo(ScreeningStatus.INVITED);
        assertThat(s.candidateEmail()).isEqualTo("ada@example.com");
        assertThat(s.invited().expiresAt()).isEqualTo(T0.plus(Duration.ofDays(14)));

        var started = s.start(T0.plusSeconds(60));
        assertThat(started.startedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(s.start(T0.plusSeconds(61))).as("starting twice changes nothing").isNull();

        var answers = s.acceptAnswers(List.of(
                new Answer(testing.id(), "Unit-tests on every commit, run in CI."),
                new Answer(languages.id(), "Mostly Java, some JavaScript.")), T0.plusSeconds(600));
        assertThat(answers).extracting(Answer::questionId).containsExactly(languages.id(), testing.id());
        var completed = s.complete(KeywordScoring.score(s.questions(), answers), T0.plusSeconds(660));

        assertThat(s.status()).isEqualTo(ScreeningStatus.COMPLETED);
        assertThat(completed.scores()).extracting(QuestionScore::score).containsExactly(50, 50);
        assertThat(completed.score()).isEqualTo(50);
        assertThat(completed.durationSeconds()).isEqualTo(600);
        assertThat(completed.sourceRef()).isEqualTo("ashby-1");
    }

    @Test
    void finishedScreeningsRefuseWrites() {
        Screening done = invited();
        done.start(T0);
        done.complete(KeywordScoring.score(done.questions(), List.of(new Answer(languages.id(), "java"),
                new Answer(testing.id(), "CI"))), T0.plusSeconds(5));
        assertThatThrownBy(() -> done.start(T0.plusSeconds(6))).isInstanceOf(ScreeningRuleViolation.class)
                .extracting("rule").isEqualTo(ScreeningRuleViolation.Rule.SCREENING_COMPLETED);
        assertThatThrownBy(() -> done.cancel("x", T0)).extracting("rule").isEqualTo(ScreeningRuleViolation.Rule.SCREENING_COMPLETED);

        Screening cancelled = invited();
        assertThat(cancelled.cancel("Disqualified", T0.plusSeconds(1)).reason()).isEqualTo("Disqualified");
        assertThat(cancelled.cancel("again", T0.plusSeconds(2))).as("cancelling twice changes nothing").isNull();
        assertThatThrownBy(() -> cancelled.start(T0.plusSeconds(3))).extracting("rule")
                .isEqualTo(ScreeningRuleViolation.Rule.SCREENING_CANCELLED);
    }

    @Test
    void anExpiredLinkRefusesStartAndSubmit() {
        Screening s = invited();
        Instant late = T0.plus(Duration.ofDays(15));
        assertThat(s.isExpired(late)).isTrue();
        assertThatThrownBy(() -> s.start(late)).extracting("rule").isEqualTo(ScreeningRuleViolation.Rule.SCREENING_EXPIRED);

        Screening started = invited();
        started.start(T0);
        assertThatThrownBy(() -> started.acceptAnswers(List.of(), late)).extracting("rule")
                .isEqualTo(ScreeningRuleViolation.Rule.SCREENING_EXPIRED);
    }

    @Test
    void answersMustMatchTheQuestions() {
        Screening s = invited();
        assertThatThrownBy(() -> s.acceptAnswers(List.of(new Answer(languages.id(), "java")), T0)).extracting("rule")
                .as("submitting before starting").isEqualTo(ScreeningRuleViolation.Rule.SCREENING_NOT_STARTED);
        s.start(T0);
        assertThatThrownBy(() -> s.acceptAnswers(List.of(new Answer(languages.id(), "java")), T0))
                .extracting("field").isEqualTo("answers");
        assertThatThrownBy(() -> s.acceptAnswers(List.of(new Answer(QuestionId.random(), "x")), T0))
                .extracting("field").isEqualTo("answers[0].question_id");
        assertThatThrownBy(() -> s.acceptAnswers(List.of(new Answer(languages.id(), "a"), new Answer(languages.id(), "b")), T0))
                .extracting("field").isEqualTo("answers[1].question_id");
    }

    @Test
    void theStateMachineAllowsOnlyItsMoves() {
        assertThat(ScreeningStatus.INVITED.next()).containsExactlyInAnyOrder(ScreeningStatus.STARTED, ScreeningStatus.CANCELLED);
        assertThat(ScreeningStatus.STARTED.next()).containsExactlyInAnyOrder(ScreeningStatus.COMPLETED, ScreeningStatus.CANCELLED);
        assertThat(ScreeningStatus.COMPLETED.isFinal()).isTrue();
        assertThat(ScreeningStatus.CANCELLED.isFinal()).isTrue();
        assertThat(ScreeningStatus.INVITED.canMoveTo(ScreeningStatus.COMPLETED)).isFalse();
    }

    @Test
    void reinvitingWaitsForTheCandidateOnlyWhileInvited() {
        Screening s = invited();
        assertThat(s.reinvite("ashby-2", T0.plus(Duration.ofDays(10)), Duration.ofDays(14))).isTrue();
        assertThat(s.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(24)));
        assertThat(s.sourceRef()).isEqualTo("ashby-2");
        s.start(T0.plus(Duration.ofDays(11)));
        assertThat(s.reinvite(null, T0.plus(Duration.ofDays(12)), Duration.ofDays(14))).isFalse();
    }

    @Test
    void aClosedPositionTakesNoInvitation() {
        job.update(null, null, null, JobStatus.CLOSED, T0);
        assertThatThrownBy(this::invited).extracting("rule").isEqualTo(ScreeningRuleViolation.Rule.JOB_CLOSED);
    }
}
