package com.truffle.deploy.stack;

import java.util.Locale;

/**
 * Which phase a stack is in (new, starting, running, closed) and the checks its methods make against it. Its
 * monitor is the stack's lifecycle lock: {@link LocalStack#close()} holds it while stopping everything.
 */
final class StackLifecycle {

    private enum State { NEW, STARTING, RUNNING, CLOSED }

    private volatile State state = State.NEW;

    /** NEW to STARTING; fails unless new. */
    synchronized void starting() {
        requireNew();
        state = State.STARTING;
    }

    /** STARTING to RUNNING; fails when the stack was closed meanwhile. */
    synchronized void running() {
        abortIfClosed();
        state = State.RUNNING;
    }

    synchronized void closed() {
        state = State.CLOSED;
    }

    boolean isRunning() {
        return state == State.RUNNING;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    void requireNew() {
        if (state != State.NEW) {
            throw new IllegalStateException("the stack is already " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the stack is " + state.name().toLowerCase(Locale.ROOT) + ", not running");
        }
    }

    /** Called between start steps: a close meanwhile (Ctrl-C) ends the start. */
    void abortIfClosed() {
        if (state == State.CLOSED) {
            throw new LocalStackException("the local stack was stopped while starting");
        }
    }

    /** {@code component}, or an {@link IllegalStateException} saying this stack has no {@code what}. */
    static <T> T requireStarted(T component, String what) {
        if (component == null) {
            throw new IllegalStateException("no " + what + " in this stack");
        }
        return component;
    }
}
