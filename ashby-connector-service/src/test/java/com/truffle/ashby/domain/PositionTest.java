package com.truffle.ashby.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PositionTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void anOpenPositionIsAnAssessmentTypeWithAShortDescription() {
        Position p = new Position(new CompanyId("acme"), "job-1", " Backend Engineer ", "x".repeat(400), Position.PositionStatus.OPEN, 3, NOW);
        Position.AssessmentType t = p.asAssessmentType();
        assertThat(t.id()).isEqualTo("job-1");
        assertThat(t.name()).isEqualTo("Backend Engineer");
        assertThat(t.description()).hasSize(280).endsWith("…");
        Position bare = new Position(new CompanyId("acme"), "job-2", null, null, Position.PositionStatus.OPEN, 1, NOW);
        assertThat(bare.asAssessmentType().description()).isEqualTo("Truffle screening, 1 question");
        assertThat(bare.asAssessmentType().name()).isEqualTo("Untitled position");
    }

    @Test
    void profileLinksPointAtTheScreeningOnTheTrufflePublicSite() {
        assertThat(new ProfileLinks("https://truffle.example///").forScreening("a b")).isEqualTo("https://truffle.example/screenings/a%20b");
    }
}
