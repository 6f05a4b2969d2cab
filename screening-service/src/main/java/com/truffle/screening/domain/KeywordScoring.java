package com.truffle.screening.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The default, explainable scoring: an answer scores the share of its question's keywords it mentions (0-100,
 * rounded half up), the screening the rounded mean of its answers. A keyword matches as a whole word or phrase,
 * case- and accent-insensitively ("Java" does not match "JavaScript"; "unit tests" matches "Unit-tests").
 * Deterministic: the same answers always give the same scores.
 */
public final class KeywordScoring {

    public static QuestionScore score(Question question, Answer answer) {
        String text = " " + normalise(answer.text()) + " ";
        List<String> matched = new ArrayList<>();
        for (String keyword : question.keywords()) {
            String k = normalise(keyword);
            if (!k.isEmpty() && text.contains(" " + k + " ")) {
                matched.add(keyword);
            }
        }
        int total = question.keywords().size();
        int score = (int) ((200L * matched.size() + total) / (2L * total));
        return new QuestionScore(question.id(), question.prompt(), answer.text(), score, matched);
    }

    public static List<QuestionScore> score(List<Question> questions, List<Answer> answers) {
        List<QuestionScore> out = new ArrayList<>(questions.size());
        for (Question q : questions) {
            Answer a = answers.stream().filter(x -> x.questionId().equals(q.id())).findFirst()
                    .orElse(new Answer(q.id(), ""));
            out.add(score(q, a));
        }
        return out;
    }

    /** The mean of 0-100 scores, rounded half up; 0 for none. */
    public static int mean(int[] scores) {
        if (scores.length == 0) {
            return 0;
        }
        long sum = 0;
        for (int s : scores) {
            sum += s;
        }
        return (int) ((2 * sum + scores.length) / (2L * scores.length));
    }

    /** Lower case, accents removed, every run of characters that are not letters, digits, '+' or '#' one space. */
    static String normalise(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}+#]+", " ").strip();
    }

    private KeywordScoring() {
    }
}
