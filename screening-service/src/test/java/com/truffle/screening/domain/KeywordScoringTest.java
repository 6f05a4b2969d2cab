package com.truffle.screening.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeywordScoringTest {

    final Question q = new Question(QuestionId.random(), "Stack?", List.of("Java", "PostgreSQL", "Kafka"));

    int score(String answer) {
        return KeywordScoring.score(q, new Answer(q.id(), answer)).score();
    }

    @Test
    void theShareOfKeywordsMentionedRoundedHalfUp() {
        assertThat(score("")).isZero();
        assertThat(score("java")).isEqualTo(33);
        assertThat(score("Java and postgresql")).isEqualTo(67);
        assertThat(score("JAVA, PostgreSQL; kafka!")).isEqualTo(100);
        assertThat(score("java java java")).as("a keyword counts once").isEqualTo(33);
    }

    @Test
    void wholeWordsAndPhrasesOnlyCaseAndAccentInsensitive() {
        assertThat(score("JavaScript and Kafkaesque")).isZero();
        Question phrase = new Question(QuestionId.random(), "?", List.of("unit tests", "café", "C++"));
        var s = KeywordScoring.score(phrase, new Answer(phrase.id(), "Unit-tests at the CAFE, in c++."));
        assertThat(s.score()).isEqualTo(100);
        assertThat(s.matchedKeywords()).containsExactly("unit tests", "café", "C++");
    }

    @Test
    void theScreeningScoreIsTheRoundedMeanAndDeterministic() {
        assertThat(KeywordScoring.mean(new int[] {33, 67, 100})).isEqualTo(67);
        assertThat(KeywordScoring.mean(new int[] {50, 51})).isEqualTo(51);
        assertThat(KeywordScoring.mean(new int[] {0})).isZero();
        String answer = "Java with Kafka";
        assertThat(score(answer)).isEqualTo(score(answer)).isEqualTo(67);
    }

    @Test
    void retriesBackOffExponentiallyUpToACap() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), 5);
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(p.delayAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.givesUpAfter(4)).isFalse();
        assertThat(p.givesUpAfter(5)).isTrue();
    }

    @Test
    void tokensAre256BitUrlSafeAndOnlyTheirHashIsKept() {
        String t = ScreenerToken.generate();
        assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(ScreenerToken.wellFormed(t)).isTrue();
        assertThat(ScreenerToken.generate()).isNotEqualTo(t);
        assertThat(ScreenerToken.hash(t)).hasSize(64).isEqualTo(ScreenerToken.hash(t)).doesNotContain(t);
    }
}
