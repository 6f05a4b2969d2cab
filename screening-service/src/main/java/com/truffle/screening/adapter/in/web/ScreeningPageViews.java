package com.truffle.screening.adapter.in.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.truffle.screening.application.port.in.TakeScreeningUseCase.ScreenerView;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.QuestionScore;
import com.truffle.screening.domain.Screening;
import com.truffle.screening.domain.ScreeningStatus;
import com.truffle.platform.web.page.When;
import io.quarkus.qute.TemplateData;

/** What the screening pages show: the candidate's invitation and questions, the recruiter's result. */
final class ScreeningPageViews {

    @TemplateData
    record Invitation(String company, String job, int questionCount, String expires, List<String> prompts) {
        static Invitation of(ScreenerView view) {
            Screening s = view.screening();
            return new Invitation(view.companyName() == null ? "The company" : view.companyName(), s.jobTitle(), s.questions().size(),
                    When.minute(s.expiresAt()), s.questions().stream().map(Question::prompt).toList());
        }
    }

    /** One question of the answers form, with what the candidate had typed (when the form comes back). */
    @TemplateData
    record QuestionField(String id, int number, String prompt, String answer, boolean missing) {
        static List<QuestionField> of(List<Question> questions, Map<String, String> given) {
            java.util.List<QuestionField> out = new java.util.ArrayList<>();
            for (int i = 0; i < questions.size(); i++) {
                Question q = questions.get(i);
                String a = given.getOrDefault(q.id().toString(), "");
                out.add(new QuestionField(q.id().toString(), i + 1, q.prompt(), a, !given.isEmpty() && a.isBlank()));
            }
            return out;
        }
    }

    @TemplateData
    record Result(String id, String candidate, String email, String job, String label, String tone, boolean completed,
            Integer score, List<ScoreRow> scores, String invited, String started, String completedAt, String cancelled,
            String cancelReason) {

        static Result of(Screening s, Candidate c, ZoneId zone, boolean expired) {
            String name = c == null ? s.candidateEmail() : (c.firstName() + " " + c.lastName()).trim();
            String label;
            String tone;
            if (expired) {
                label = "Expired";
                tone = "red";
            } else {
                label = switch (s.status()) {
                    case INVITED -> "Invited";
                    case STARTED -> "In progress";
                    case COMPLETED -> "Completed";
                    case CANCELLED -> "Cancelled";
                };
                tone = switch (s.status()) {
                    case INVITED -> "blue";
                    case STARTED -> "amber";
                    case COMPLETED -> "green";
                    case CANCELLED -> "grey";
                };
            }
            return new Result(s.id().toString(), name.isBlank() ? s.candidateEmail() : name, s.candidateEmail(), s.jobTitle(),
                    label, tone, s.status() == ScreeningStatus.COMPLETED, s.score(),
                    s.scores().stream().map(ScoreRow::of).toList(), When.minute(s.invitedAt(), zone), When.minute(s.startedAt(), zone),
                    When.minute(s.completedAt(), zone), When.minute(s.cancelledAt(), zone), s.cancelReason());
        }
    }

    @TemplateData
    record ScoreRow(String prompt, String answer, int score, String matched) {
        static ScoreRow of(QuestionScore q) {
            return new ScoreRow(q.prompt(), q.answer() == null ? "" : q.answer(), q.score(),
                    q.matchedKeywords().isEmpty() ? "none" : String.join(", ", q.matchedKeywords()));
        }
    }

    private ScreeningPageViews() {
    }
}
