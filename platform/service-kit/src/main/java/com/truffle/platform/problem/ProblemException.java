package com.truffle.platform.problem;

/** Thrown by REST adapters to answer with a given problem; carries no stack trace (it is an answer, not a fault). */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getTitle() + ": " + problem.getDetail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
