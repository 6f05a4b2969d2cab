package com.truffle.deploy.stack;

/** The local stack could not start or do what it was asked; the message says what and what to do. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
