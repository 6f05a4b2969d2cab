package com.truffle.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemExceptionTest {

    @Test
    void itCarriesTheProblemAndSaysWhatItIs() {
        Problem problem = Problem.of(409, "key-name-taken", "Name taken", "A key named 'CRM' exists.");

        ProblemException e = problem.toException();

        assertThat(e.problem()).isSameAs(problem);
        assertThat(e.getMessage()).isEqualTo("Name taken: A key named 'CRM' exists.");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void itIsAnAnswerNotAFaultSoItHasNoStackTrace() {
        ProblemException e = new ProblemException(Problem.of(404, "not-found", "Not found", "No such key."));

        assertThat(e.getStackTrace()).as("not even filled in: cheap to throw on every refusal").isEmpty();
        e.addSuppressed(new IllegalStateException("ignored"));
        assertThat(e.getSuppressed()).isEmpty();
    }
}
