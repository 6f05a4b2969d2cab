package com.truffle.screening.application.service;

import static com.truffle.screening.application.service.InMemoryPorts.T0;
import static com.truffle.screening.application.service.InMemoryPorts.refusal;
import static com.truffle.screening.application.service.InMemoryPorts.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.truffle.screening.application.port.in.AddCandidateUseCase.AddCandidateCommand;
import com.truffle.screening.application.port.in.UpdateCandidateUseCase.UpdateCandidateCommand;
import com.truffle.screening.domain.Candidate;
import com.truffle.screening.domain.CandidateId;
import com.truffle.screening.domain.CompanyId;
import com.truffle.screening.domain.ScreeningEvent;
import com.truffle.screening.domain.ScreeningRuleViolation.Rule;

class CandidateServiceTest {

    static final CompanyId ACME = new CompanyId("acme");
    static final CompanyId GLOBEX = new CompanyId("globex");

    InMemoryPorts ports;
    CandidateService service;

    @BeforeEach
    void wire() {
        ports = new InMemoryPorts();
        service = ports.candidateService();
    }

    Candidate add(CompanyId company, String email) {
        return service.add(new AddCandidateCommand(company, " Ada ", "Lovelace", email, " ")).await().indefinitely();
    }

    Candidate update(CandidateId id, String email, String phone) {
        return service.update(new UpdateCandidateCommand(ACME, id, null, null, email, phone)).await().indefinitely();
    }

    @Test
    void aNewCandidateIsStoredWithANormalisedEmailAndPublished() {
        Candidate ada = add(ACME, " Ada@Example.COM ");

        Candidate stored = ports.candidates.get(ada.id());
        assertThat(stored.email()).isEqualTo("ada@example.com");
        assertThat(stored.firstName()).isEqualTo("Ada");
        assertThat(stored.phone()).isNull();
        assertThat(ports.published).containsExactly(
                new ScreeningEvent.CandidateAdded(ACME, ada.id(), "ada@example.com", "Ada", "Lovelace", T0));
    }

    @Test
    void anEmailTheCompanyAlreadyHasIsRefusedNamingTheCandidateWhoHasIt() {
        Candidate ada = add(ACME, "ada@example.com");
        ports.published.clear();

        assertThat(violation(() -> add(ACME, "ADA@example.com "))).satisfies(e -> {
            assertThat(e.rule()).isEqualTo(Rule.EMAIL_TAKEN);
            assertThat(e.field()).isEqualTo("email");
            assertThat(e.getMessage()).contains(ada.id().toString());
        });
        assertThat(ports.candidates).hasSize(1);
        assertThat(ports.published).isEmpty();

        assertThat(add(GLOBEX, "ada@example.com").companyId()).as("another company may screen the same person").isEqualTo(GLOBEX);
    }

    @Test
    void anUpdateToAnotherCandidatesEmailIsRefusedAndAnUpdateThatChangesNothingIsSilent() {
        Candidate ada = add(ACME, "ada@example.com");
        Candidate grace = add(ACME, "grace@example.com");
        ports.published.clear();

        assertThat(refusal(() -> update(grace.id(), "Ada@Example.com", null))).isEqualTo(Rule.EMAIL_TAKEN);
        assertThat(ports.candidates.get(grace.id()).email()).isEqualTo("grace@example.com");

        update(ada.id(), "ADA@example.com", null);
        assertThat(ports.published).as("the same email in other letters is no change").isEmpty();

        ports.clock.advance(Duration.ofMinutes(5));
        Candidate changed = update(ada.id(), "ada.lovelace@example.com", "+44 20 7946 0000");
        assertThat(ports.candidates.get(ada.id()).phone()).isEqualTo("+44 20 7946 0000");
        assertThat(ports.published).containsExactly(new ScreeningEvent.CandidateUpdated(ACME, ada.id(), "ada.lovelace@example.com",
                "Ada", "Lovelace", T0.plus(Duration.ofMinutes(5))));
        assertThat(changed.email()).isEqualTo("ada.lovelace@example.com");

        update(ada.id(), null, " ");
        assertThat(ports.candidates.get(ada.id()).phone()).as("a blank phone removes it").isNull();
        assertThat(ports.published).hasSize(2);
    }

    @Test
    void anotherCompanysCandidateIsNotFound() {
        Candidate theirs = add(GLOBEX, "ada@example.com");
        assertThat(refusal(() -> update(theirs.id(), "mine@example.com", null))).isEqualTo(Rule.NOT_FOUND);
        assertThat(ports.candidates.get(theirs.id()).email()).isEqualTo("ada@example.com");
    }
}
