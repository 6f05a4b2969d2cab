package com.truffle.screening.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.Job;
import com.truffle.screening.domain.JobStatus;
import com.truffle.screening.domain.Screening;

/** Request and response bodies of the hiring API (snake_case on the wire; DESIGN.md §4a names are kept). */
final class HiringDtos {

    /** Optional fields of a PATCH: absent (null) means unchanged, present must not be blank. */
    static final String NOT_BLANK = "(?s).*\\S.*";
    static final String ONE_LINE = "[^\\r\\n]*";
    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    // ------------------------------------------------------------------ requests

    record QuestionBody(@Size(max = 64) String id,
            @NotBlank @Size(max = 1000) String prompt,
            @NotEmpty @Size(max = 30) List<@NotBlank @Size(max = 100) String> keywords) {
    }

    record CreateJobBody(@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = "must be one line") String title,
            @Size(max = 10000) String description,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull QuestionBody> questions,
            JobStatus status) {
    }

    record UpdateJobBody(@Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
            @Size(max = 10000) String description,
            @Size(min = 1, max = 50) List<@Valid @NotNull QuestionBody> questions,
            JobStatus status) {
    }

    record CreateCandidateBody(@NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotBlank @Size(max = 254) @Email(regexp = EMAIL) String email,
            @Size(max = 40) @Pattern(regexp = "[+0-9 ().-]*", message = "must be a phone number") String phone) {
    }

    record UpdateCandidateBody(@Size(min = 1, max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String firstName,
            @Size(min = 1, max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String lastName,
            @Size(min = 3, max = 254) @Email(regexp = EMAIL) String email,
            @Size(max = 40) @Pattern(regexp = "[+0-9 ().-]*", message = "must be a phone number") String phone) {
    }

    record InvitationBody(@NotBlank @Size(max = 64) String jobId) {
    }

    record AnswerBody(@NotBlank @Size(max = 64) String questionId, @NotNull @Size(max = 10000) String answer) {
    }

    record SubmitBody(@NotNull @Size(max = 100) List<@Valid @NotNull AnswerBody> answers) {
    }

    record RegisterWebhookBody(@NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) String> eventTypes,
            @Size(max = 500) String description) {
    }

    record AccountBody(@Size(max = 200) @Pattern(regexp = ONE_LINE, message = "must be one line") String displayName,
            @Size(max = 100) @Pattern(regexp = ONE_LINE, message = "must be one line") String defaultSenderName,
            @Size(min = 1, max = 64) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String timezone) {
    }

    // ------------------------------------------------------------------ responses

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ListView<T>(List<T> data, String nextCursor) {
    }

    record QuestionView(String id, String prompt, List<String> keywords) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobView(String id, String title, String description, String status, List<QuestionView> questions, Instant createdAt,
            Instant updatedAt) {

        static JobView of(Job j) {
            return new JobView(j.id().toString(), j.title(), j.description(), j.status().name(),
                    j.questions().stream().map(q -> new QuestionView(q.id().toString(), q.prompt(), q.keywords())).toList(),
                    j.createdAt(), j.updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CandidateView(String id, String firstName, String lastName, String email, String phone, String externalId,
            Instant createdAt, Instant updatedAt) {

        static CandidateView of(Candidate c) {
            return new CandidateView(c.id().toString(), c.firstName(), c.lastName(), c.email(), c.phone(), c.externalId(),
                    c.createdAt(), c.updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record InvitationView(String screeningId, String status, String candidateId, String jobId, Instant expiresAt) {
    }

    record ScoreView(String questionId, String prompt, int score) {
    }

    record AnswerView(String questionId, String prompt, String answer, List<String> matchedKeywords) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ScreeningView(String id, String candidateId, String jobId, String candidateEmail, String jobTitle, String status,
            Integer score, List<ScoreView> scores, List<AnswerView> answers, String sourceRef, Instant invitedAt,
            Instant expiresAt, Instant startedAt, Instant completedAt, Instant cancelledAt, String cancelReason) {

        static ScreeningView of(Screening s) {
            return new ScreeningView(s.id().toString(), s.candidateId().toString(), s.jobId().toString(), s.candidateEmail(),
                    s.jobTitle(), s.status().name(), s.score(),
                    s.scores().stream().map(q -> new ScoreView(q.questionId().toString(), q.prompt(), q.score())).toList(),
                    s.scores().stream().map(q -> new AnswerView(q.questionId().toString(), q.prompt(), q.answer(),
                            q.matchedKeywords())).toList(),
                    s.sourceRef(), s.invitedAt(), s.expiresAt(), s.startedAt(), s.completedAt(), s.cancelledAt(), s.cancelReason());
        }
    }

    private HiringDtos() {
    }
}
