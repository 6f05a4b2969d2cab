package com.truffle.screening.application.port.in;

import java.util.List;
import java.util.Objects;

import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.Screening;
import io.smallrye.mutiny.Uni;

/**
 * The candidate's side, authorised by the screener link's token alone: read the questions, start
 * (ScreeningStarted), submit the answers (scored; COMPLETED; ScreeningCompleted). Expired, cancelled and
 * completed screenings refuse writes.
 */
public interface TakeScreeningUseCase {

    Uni<ScreenerView> view(String token);

    Uni<Screening> start(String token);

    Uni<Screening> submit(SubmitAnswersCommand command);

    record SubmitAnswersCommand(String token, List<Answer> answers) {
        public SubmitAnswersCommand {
            Objects.requireNonNull(token, "token");
            answers = List.copyOf(Objects.requireNonNull(answers, "answers"));
        }
    }

    /** What the screener page shows: never the keywords. */
    record ScreenerView(Screening screening, boolean expired, String companyName) {
    }
}
