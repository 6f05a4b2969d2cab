package com.truffle.screening.application.port.out;

import java.util.List;

import com.truffle.screening.domain.Answer;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.QuestionScore;
import io.smallrye.mutiny.Uni;

/**
 * Scores a screening's answers, one score (0-100) per question in question order. The default adapter counts
 * keywords; a model or a human reviewer can take its place.
 */
public interface ScoreAnswersPort {

    Uni<List<QuestionScore>> score(List<Question> questions, List<Answer> answers);
}
