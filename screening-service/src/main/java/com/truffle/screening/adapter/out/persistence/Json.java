package com.truffle.screening.adapter.out.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truffle.screening.domain.Question;
import com.truffle.screening.domain.QuestionId;
import com.truffle.screening.domain.QuestionScore;

/** The value objects kept as JSON text columns: a position's questions and a screening's scored answers. */
@ApplicationScoped
class Json {

    record QuestionJson(UUID id, String prompt, List<String> keywords) {
    }

    record ScoreJson(UUID questionId, String prompt, String answer, int score, List<String> matchedKeywords) {
    }

    private static final TypeReference<List<QuestionJson>> QUESTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<ScoreJson>> SCORES = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    String questions(List<Question> questions) {
        return write(questions.stream().map(q -> new QuestionJson(q.id().value(), q.prompt(), q.keywords())).toList());
    }

    List<Question> questions(String json) {
        return read(json, QUESTIONS).stream().map(q -> new Question(new QuestionId(q.id()), q.prompt(), q.keywords())).toList();
    }

    String scores(List<QuestionScore> scores) {
        return scores.isEmpty() ? null : write(scores.stream()
                .map(s -> new ScoreJson(s.questionId().value(), s.prompt(), s.answer(), s.score(), s.matchedKeywords())).toList());
    }

    List<QuestionScore> scores(String json) {
        return json == null ? List.of() : read(json, SCORES).stream()
                .map(s -> new QuestionScore(new QuestionId(s.questionId()), s.prompt(), s.answer(), s.score(),
                        s.matchedKeywords() == null ? List.of() : s.matchedKeywords()))
                .toList();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column does not parse", e);
        }
    }
}
