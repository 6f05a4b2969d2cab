package com.truffle.ashby.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AssessmentTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final CompanyId ACME = new CompanyId("acme");
    static final ProfileLinks LINKS = new ProfileLinks("https://truffle.example/");
    static final Candidate ADA = new Candidate(" Ada@Example.com ", "Ada", "Lovelace", "ashby-cand-1");

    static Assessment requested() {
        return Assessment.request(ACME, "job-1", "app-1", ADA, NOW).assessment();
    }

    static ScreeningResult result(Instant completedAt) {
        return new ScreeningResult(78, List.of(new ScreeningResult.QuestionScore("q-1", "Why?", 100),
                new ScreeningResult.QuestionScore("q-2", null, 56.5)), completedAt.minusSeconds(2520), completedAt, 2520L);
    }

    @Test
    void aStartAsksScreeningServiceToInviteTheCandidate() {
        Assessment.Started started = Assessment.request(ACME, "job-1", "app-1", ADA, NOW);
        AshbyEvent.AssessmentRequested event = started.event();
        assertThat(event.assessmentId()).isEqualTo(started.assessment().id());
        assertThat(event.jobId()).isEqualTo("job-1");
        assertThat(event.candidate().email()).isEqualTo("Ada@Example.com");
        assertThat(started.assessment().status()).isEqualTo(AssessmentStatus.REQUESTED);
    }

    @Test
    void theSameApplicationAndTypeIsTheSameAssessmentAndEmailStandsInForAMissingApplication() {
        assertThat(Assessment.idempotencyKey("job-1", "app-1", ADA)).isEqualTo(Assessment.idempotencyKey("job-1", "app-1",
                new Candidate("other@example.com", null, null, null)));
        assertThat(Assessment.idempotencyKey("job-2", "app-1", ADA)).isNotEqualTo(Assessment.idempotencyKey("job-1", "app-1", ADA));
        assertThat(Assessment.idempotencyKey("job-1", " ", ADA)).isEqualTo(Assessment.idempotencyKey("job-1", null,
                new Candidate("ada@example.com", null, null, null)));
    }

    @Test
    void progressBecomesOneUpdateEachInOrderWithStrictlyIncreasingTimestamps() {
        Assessment a = requested();
        a.invited("scr-1");
        AssessmentUpdate started = a.started("scr-1", NOW.plusSeconds(60), LINKS).orElseThrow();
        assertThat(started.assessmentStatus().value()).isEqualTo("Started");
        assertThat(started.assessmentProfileUrl().value()).isEqualTo("https://truffle.example/screenings/scr-1");
        assertThat(started.timestamp()).isEqualTo(NOW.plusSeconds(60).toEpochMilli());
        assertThat(a.started("scr-1", NOW.plusSeconds(61), LINKS)).as("a repeated start").isEmpty();

        // a completion stamped earlier than the start still comes after it
        AssessmentUpdate completed = a.completed("scr-1", result(NOW), LINKS).orElseThrow();
        assertThat(completed.timestamp()).isEqualTo(started.timestamp() + 1);
        assertThat(a.completed("scr-1", result(NOW.plusSeconds(900)), LINKS)).isEmpty();
        assertThat(a.screeningCancelled("scr-1", "late", NOW.plusSeconds(999))).as("completed stays completed").isEmpty();
        assertThat(a.status()).isEqualTo(AssessmentStatus.COMPLETED);
    }

    @Test
    void aCancelByAshbyIsAskedOnceAndNeverEchoedBackToAshby() {
        Assessment a = requested();
        assertThat(a.cancelByAshby(NOW)).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo("Cancelled in Ashby"));
        assertThat(a.cancelByAshby(NOW)).isEmpty();
        assertThat(a.started("scr-1", NOW, LINKS)).as("no start after a cancel").isEmpty();
        assertThat(a.screeningCancelled("scr-1", "Cancelled in Ashby", NOW.plusSeconds(1)))
                .as("Ashby cancelled it: nothing to tell Ashby").isEmpty();
        assertThat(a.status()).isEqualTo(AssessmentStatus.CANCELLED);
    }

    @Test
    void aCancelByTruffleIsReportedToAshbyOnce() {
        Assessment a = requested();
        AssessmentUpdate cancelled = a.screeningCancelled("scr-1", null, NOW.plusSeconds(1)).orElseThrow();
        assertThat(cancelled.cancelledReason().value()).isEqualTo("Cancelled");
        assertThat(cancelled.assessmentStatus()).isNull();
        assertThat(a.screeningCancelled("scr-1", "again", NOW.plusSeconds(2))).isEmpty();
    }

    @Test
    void aCompletedUpdateCarriesResultScoresAndDurationWithAshbysTypes() {
        Assessment a = requested();
        AssessmentUpdate u = a.completed("scr-1", result(NOW), LINKS).orElseThrow();
        assertThat(u.assessmentResult()).isEqualTo(new DataValue("score", "Score", DataValueType.NUMERIC_SCORE, 78,
                "Truffle screening score (0-100)"));
        assertThat(u.metadata()).extracting(DataValue::identifier).containsExactly("max_score", "duration", "question_q-1", "question_q-2");
        assertThat(u.metadata().get(1)).isEqualTo(new DataValue("duration", "Time taken", DataValueType.NUMERIC_DURATION_MINUTES, 42L, null));
        assertThat(u.metadata().get(3).label()).isEqualTo("Question 2");
        assertThat(u.metadata().get(3).value()).isEqualTo(56.5);
    }

    @Test
    void ashbysRulesForAnUpdateAreEnforcedWhenItIsBuilt() {
        DataValue status = DataValue.of("status", "Status", DataValueType.STRING, "Started");
        DataValue score = DataValue.of("score", "Score", DataValueType.NUMERIC_SCORE, 1);
        assertThatThrownBy(() -> new AssessmentUpdate("a", 1, null, null, null, null, null)).hasMessageContaining("assessment_status");
        assertThatThrownBy(() -> new AssessmentUpdate("a", 1, status, null, score, null, null)).hasMessageContaining("profile_url");
        assertThatThrownBy(() -> new AssessmentUpdate("a", 1, status, status, null, null, null)).hasMessageContaining("url");
        assertThatThrownBy(() -> new AssessmentUpdate("a", 1, status, null, null, null, List.of(score, score))).hasMessageContaining("twice");
        assertThatThrownBy(() -> DataValue.of("x", "X", DataValueType.NUMERIC_SCORE, "87")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataValue.of("x", "X", DataValueType.BOOLEAN_SUCCESS, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataValue.of("x", " ", DataValueType.STRING, "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdThatIsNotOursIsNoAssessment() {
        assertThat(AssessmentId.parse("not-a-uuid")).isEmpty();
        assertThat(AssessmentId.parse(null)).isEmpty();
        AssessmentId id = AssessmentId.random();
        assertThat(AssessmentId.parse(id.toString())).contains(id);
    }
}
