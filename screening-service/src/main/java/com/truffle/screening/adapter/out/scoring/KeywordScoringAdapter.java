package com.truffle.screening.adapter.out.scoring;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.truffle.screening.application.port.out.ScoreAnswersPort;
import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.KeywordScoring;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.QuestionScore;
import io.smallrye.mutiny.Uni;

/** The default scoring: keywords mentioned per answer (see {@link KeywordScoring}); replace this bean to score otherwise. */
@ApplicationScoped
class KeywordScoringAdapter implements ScoreAnswersPort {

    @Override
    public Uni<List<QuestionScore>> score(List<Question> questions, List<Answer> answers) {
        return Uni.createFrom().item(() -> KeywordScoring.score(questions, answers));
    }
}
